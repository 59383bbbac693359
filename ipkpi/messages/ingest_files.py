"""Messages of ingest at the level of files: the checks before a workbook is read, the
files and folders given, the warnings, what an ingest says it did, and the note and
annotated copy of a rejected file. Code → (zh, en)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- paths and outputs
    "E-PATH-LINK-LOOP": ("{path}：符号链接形成了循环", "{path}: a symbolic link loop"),
    "E-PATH-MISSING": ("{path}：没有这个文件或文件夹", "{path}: no such file or folder"),
    "E-PATH-DANGLING-LINK": (
        "{path}：符号链接指向的文件不存在",
        "{path}: a symbolic link to nothing",
    ),
    "E-PATH-UNREADABLE": ("{path}：无法读取：{reason}", "{path}: cannot read: {reason}"),
    "E-PATH-NOT-FILE": (
        "{path}：不是文件或文件夹（是命名管道、设备或套接字）",
        "{path}: not a file or folder (a named pipe, a device or a socket)",
    ),
    "E-OUTPUT-NO-FOLDER": (
        "{option}：没有文件夹 {folder}，无法写入 {name}",
        "{option}: no folder {folder} for {name}",
    ),
    "E-OUTPUT-IS-FOLDER": (
        "{option}：{path} 是文件夹，不是工作簿",
        "{option}: {path} is a folder, not a workbook",
    ),
    "E-OUTPUT-READ-ONLY": (
        "{option}：{path} 是只读文件；请改为可写，或换一个文件名",
        "{option}: {path} is read-only; make it writable or choose another name",
    ),
    "E-OUTPUT-UNWRITABLE": (
        "{option}：无法写入 {path}：{reason}",
        "{option}: cannot write {path}: {reason}",
    ),
    "E-LAYOUT-UNKNOWN": (
        "--layout “{layout}”不对：应为 {layouts} 之一",
        "--layout '{layout}': use one of {layouts}",
    ),
    # ---------------------------------------------------------------- reading a file
    "E-FILE-READ-FAILED": ("无法读取：{reason}", "cannot read: {reason}"),
    "E-FILE-UNREADABLE": ("无法读取文件（{reason}）", "cannot read file ({reason})"),
    "E-FILE-EMPTY": ("空文件", "empty file"),
    "E-FILE-ENCRYPTED": (
        "工作簿设有密码：请取消密码保存后重新导入",
        "encrypted workbook: save it without a password and ingest again",
    ),
    "E-FILE-XLSB": (
        "不予导入：二进制工作簿（.xlsb）无法在读取前检查；请另存为 .xlsx 后重新导入",
        "workbook refused: a binary workbook (.xlsb) cannot be checked before reading; "
        "save it as .xlsx and ingest again",
    ),
    "E-FILE-NOT-WORKBOOK": (
        "不是 Excel 工作簿或 CSV 文件（看起来是{what}）",
        "not an Excel workbook or CSV file (it looks like {what})",
    ),
    "looks.word": ("Word 文档", "a Word document"),
    "looks.powerpoint": ("PowerPoint 演示文稿", "a PowerPoint presentation"),
    "looks.opendocument": (
        "OpenDocument 文件；请另存为 .xlsx",
        "an OpenDocument file; save it as .xlsx",
    ),
    "looks.zip": ("不含工作簿的 zip 压缩包", "a zip archive without a workbook in it"),
    "looks.pdf": ("PDF 文档", "a PDF document"),
    "looks.html": (
        "网页；请用 Excel 打开后另存为 .xlsx",
        "an HTML page; open it in Excel and save it as .xlsx",
    ),
    "looks.xml2003": (
        "Excel 2003 XML 表格；请另存为 .xlsx",
        "an Excel 2003 XML spreadsheet; save it as .xlsx",
    ),
    "looks.xml": ("XML 文件", "an XML file"),
    "looks.rtf": ("RTF 文档", "an RTF document"),
    "looks.text": (
        "纯文本；CSV 文件的名称须以 .csv 或 .txt 结尾",
        "plain text; a CSV file must be named .csv or .txt",
    ),
    "looks.binary": ("以 {start} 开头的二进制数据", "binary data starting {start}"),
    "E-WORKBOOK-UNREADABLE": (
        "无法读取工作簿（{reason}）；文件是否已损坏？",
        "cannot read the workbook ({reason}); is it damaged?",
    ),
    "E-CSV-ENCODING": ("既不是 UTF-8 也不是 GBK 编码的文本", "neither UTF-8 nor GBK text"),
    "E-CSV-NUL": ("不是文本文件（含有 NUL 字节）", "not a text file (it contains NUL bytes)"),
    "E-FORMULA-UNCOMPUTED": (
        "{formula}没有计算结果{more}：保存此文件的程序不计算公式；"
        "请用 Excel 或 WPS 打开后保存，或直接填入数值",
        "{formula} has no computed value{more}: the file was saved by a program that does not "
        "compute formulas; open it in Excel or WPS and save it, or type the values",
    ),
    "formula.named": ("公式 {formula} ", "formula {formula}"),
    "formula.unnamed": ("公式", "a formula"),
    "formula.more": ("（另有{n}个：{cells}）", " (and {n} more: {cells})"),
    # ---------------------------------------------------------------- sizes and limits
    "size.bytes": ("{n} 字节", "{n} bytes"),
    "E-XLSX-TOO-LARGE": (
        "不予导入：工作簿有 {size}，超过 .xlsx 文件 {limit} 的上限",
        "workbook refused: {size}, over the {limit} limit for .xlsx files",
    ),
    "E-XLS-TOO-LARGE": (
        "不予导入：工作簿有 {size}，超过 .xls 文件 {limit} 的上限",
        "workbook refused: {size}, over the {limit} limit for .xls files",
    ),
    "E-CSV-TOO-LARGE": (
        "不予导入：文件有 {size}，超过 CSV 文件 {limit} 的上限",
        "file refused: {size}, over the {limit} limit for CSV files",
    ),
    "E-ZIP-UNREADABLE": (
        "工作簿不完整或已损坏（不是可读取的 zip 压缩包）",
        "truncated or corrupt workbook (not a readable zip archive)",
    ),
    "E-ZIP-TOO-MANY-PARTS": (
        "不予导入：工作簿有 {parts} 个部件，超过 {limit} 个的上限（可能是 zip 炸弹）",
        "workbook refused: {parts} parts, over the limit of {limit} (possible zip bomb)",
    ),
    "E-ZIP-DIRECTORY-TOO-LARGE": (
        "不予导入：工作簿的 zip 目录有 {size}，超过 {limit} 的上限（可能是 zip 炸弹）",
        "workbook refused: its zip directory is {size}, over the {limit} limit (possible zip bomb)",
    ),
    "E-ZIP-PART-TOO-LARGE": (
        "不予导入：部件 {part} 解压后将有 {size}，超过 {limit} 的上限（可能是 zip 炸弹）",
        "workbook refused: part {part} would decompress to {size}, over the {limit} limit "
        "(possible zip bomb)",
    ),
    "E-ZIP-BOMB": (
        "不予导入：部件 {part} 将从 {compressed}{ratio} 解压为 {size}，"
        "超过 {limit}:1 的压缩比上限（可能是 zip 炸弹）",
        "workbook refused: part {part} would decompress to {size} from {compressed}{ratio}, "
        "over the {limit}:1 limit (possible zip bomb)",
    ),
    "zip.ratio": ("（压缩比 {n}:1）", " ({n}:1)"),
    "E-ZIP-TOO-LARGE": (
        "不予导入：工作簿各部件解压后共有 {size}，超过 {limit} 的上限（可能是 zip 炸弹）",
        "workbook refused: its parts would decompress to {size} in total, over the {limit} "
        "limit (possible zip bomb)",
    ),
    "E-ZIP-METHOD": (
        "不予导入：部件 {part} 使用了 Excel 不会使用的压缩方法 {method}；请用 Excel 重新保存工作簿",
        "workbook refused: part {part} uses compression method {method}, which Excel does "
        "not write; save the workbook again from Excel",
    ),
    "E-ZIP-PART-CORRUPT": (
        "工作簿不完整或已损坏（部件 {part} {why}）",
        "truncated or corrupt workbook (part {part} {why})",
    ),
    "corrupt.stores": (
        "声明有 {declared}，实际存有 {stored}",
        "declares {declared} but stores {stored}",
    ),
    "corrupt.holds": (
        "声明有 {declared}，但压缩数据有 {stored}",
        "declares {declared} but holds {stored} of compressed data",
    ),
    "corrupt.longer": (
        "解压后超过其声明的 {declared}",
        "decompresses to more than the {declared} it declares",
    ),
    "corrupt.shorter": (
        "不完整（{produced} / {declared} 字节）",
        "is cut short ({produced} of {declared} bytes)",
    ),
    "corrupt.unreadable": ("无法读取（{reason}）", "cannot be read ({reason})"),
    "corrupt.no_header": ("没有本地文件头", "has no local header"),
    "corrupt.cut_short": ("不完整", "is cut short"),
    "corrupt.damaged": ("已损坏（{reason}）", "is damaged ({reason})"),
    "E-XML-DTD": (
        "不予导入：部件 {part} 声明了 DTD（<!DOCTYPE …>），工作簿从不包含这种内容"
        "（可能是 XML 实体攻击）",
        "workbook refused: part {part} declares a DTD (<!DOCTYPE …>), which workbooks never "
        "contain (possible XML entity attack)",
    ),
    "E-XML-ENTITIES": (
        "不予导入：部件 {part} 声明了 XML 实体，工作簿从不包含这种内容（可能是 XML 实体攻击）",
        "workbook refused: part {part} declares XML entities, which workbooks never contain "
        "(possible XML entity attack)",
    ),
    "E-SHEET-TOO-LARGE": (
        "已用区域延伸到 {corner}（{columns} × {rows}），超过{limit}；"
        "请删除多余的单元格，或只保存表格",
        "used range reaches {corner} ({columns} × {rows}), over {limit}; delete the stray "
        "cell or save only the table",
    ),
    "count.column": ("{n}列", "{n} column"),
    "count.columns": ("{n}列", "{n} columns"),
    "count.row": ("{n}行", "{n} row"),
    "count.rows": ("{n}行", "{n} rows"),
    "limit.rows": ("Excel {rows} 行的上限", "Excel's limit of {rows} rows"),
    "limit.cells": (
        "{columns} 列 / {cells} 个单元格的上限",
        "the limit of {columns} columns / {cells} cells",
    ),
    "E-WORKBOOK-TOO-LARGE": (
        "到此工作表为止，各工作表的已用区域共有 {cells} 个单元格，超过整个工作簿 {limit} "
        "个单元格的上限；请删除多余的单元格，或只保存表格",
        "used ranges of the sheets up to this one hold {cells} cells together, over the "
        "limit of {limit} cells for a whole workbook; delete the stray cells or save only "
        "the tables",
    ),
    # ---------------------------------------------------------------- what a file holds
    "E-SHEET-NOT-FOUND": (
        "没有名为“{sheet}”的工作表；工作表有：{sheets}",
        "no sheet named '{sheet}'; sheets: {sheets}",
    ),
    "E-FILE-NO-DATA": ("空工作簿：没有含数据的单元格", "empty workbook: no cells with data"),
    "E-FILE-NO-VALUES": ("只有表头，表头下没有数值", "a header but no values below it"),
    "E-FILE-NO-PLACE": (
        "没有一行写的是目标目录中的地方（{names}）；已知地方：{known}：请改正地名，"
        "或把该地名加入其规划的别名",
        "no row names a place in the catalogue ({names}); known: {known}: correct the place "
        "names, or add the place's name to its plan's aliases",
    ),
    "E-FILE-DAMAGED-IN-STORE": (
        "此文件以前已导入，但{damage}；请重新导入：ipkpi ingest --force {file}",
        "ingested before, but {damage}; re-ingest it: ipkpi ingest --force {file}",
    ),
    "E-VALUE-TWICE": (
        "{name} {year} 出现两次且数值不同：{first}（在 {where}）和 {second}",
        "{name} {year} given twice with different values: {first} (at {where}) and {second}",
    ),
    "E-ROW-UNMATCHED": (
        "“{name}”没有对应的目标{closest}",
        "'{name}' matches no target{closest}",
    ),
    "unmatched.closest": ("；最接近的是：{names}", "; closest: {names}"),
    # ---------------------------------------------------------------- warnings
    "W-ROW-UNMATCHED": (
        "{where}：“{name}”没有对应的目标{closest}",
        "{where}: '{name}' matches no target{closest}",
    ),
    "W-SHEET-HIDDEN": (
        "{where}：工作表“{sheet}”是隐藏的工作表：已跳过；如需导入，请加 --include-hidden",
        "{where}: sheet '{sheet}' is hidden: passed over; ingest it with --include-hidden",
    ),
    "W-SHEET-VERY-HIDDEN": (
        "{where}：工作表“{sheet}”是深度隐藏的工作表：已跳过；如需导入，请加 --include-hidden",
        "{where}: sheet '{sheet}' is very hidden: passed over; ingest it with --include-hidden",
    ),
    "W-SHEET-NO-TABLE": (
        "{where}：{problem}（已跳过此工作表）",
        "{where}: {problem} (sheet skipped)",
    ),
    "W-TABLE-NOTE": ("{where}：表格提示：{note}", "{where}: {note}"),
    "W-FILE-CLAIMS": (
        "{file}：这是奖补申请工作簿（申请单位、单位类型、措施、年度），不是统计数据：已跳过；"
        "请用 ipkpi rewards --city 城市 文件 处理",
        "{file}: a claims workbook (申请单位, 单位类型, 措施, 年度), not statistics: passed "
        "over; work it out with ipkpi rewards --city CITY FILE",
    ),
    "W-VALUE-CONFIRMED": (
        "{where}：{what}：已按所填数值存入（已核实）",
        "{where}: {what}: stored as given (confirmed)",
    ),
    "W-VALUES-OTHER-PLACES": (
        "{file}：跳过了{values}个数值，属于{places}个在此没有规划的地方或合计：{names}{more}",
        "{file}: {values} value(s) passed over for {places} place(s) or total(s) with no plan "
        "here: {names}{more}",
    ),
    "W-VALUES-NOT-CHOSEN": (
        "{file}：跳过了{values}个数值，属于{places}个 --city 以外的地方：{names}{more}",
        "{file}: {values} value(s) passed over for {places} place(s) other than --city: "
        "{names}{more}",
    ),
    "passed_over.and_more": ("等，另有{n}个", " and {n} more"),
    # ---------------------------------------------------------------- what ingest says
    "ingest.already": (
        "以前已导入  {file}：以前已导入，没有新内容",
        "already   {file}: ingested before, nothing new",
    ),
    "ingest.rejected": (
        "退回  {file}：{n}个问题，未存入任何数据",
        "rejected  {file}: {n} problem(s), nothing stored",
    ),
    "ingest.skipped": (
        "跳过  {file}：是供 ipkpi rewards 使用的奖补申请，不是统计数据",
        "skipped   {file}: claims for ipkpi rewards, not statistics",
    ),
    "ingest.taken": (
        "{verb}  {file}（布局：{layouts}）：{detail}",
        "{verb}  {file} ({layouts}): {detail}",
    ),
    "ingest.verb.ingested": ("已导入", "ingested"),
    "ingest.verb.checked": ("已核对", "checked "),
    "ingest.values": ("{n}个数值", "{n} values"),
    "ingest.tasks": ("和{n}条任务进展", " and {n} task report(s)"),
    "ingest.counts": (
        "：新增{new}个，修订{revised}个，未变{unchanged}个",
        ": {new} new, {revised} revised, {unchanged} unchanged",
    ),
    "ingest.kept": ("，{n}个作为非现行数值保留", ", {n} kept as not current"),
    "ingest.missing": ("；缺失{n}个", "; {n} missing"),
    "ingest.unmatched": ("；{n}行没有对应的目标", "; {n} unmatched row(s)"),
    "ingest.revised": (
        "  修订 {city} {target} {year}：{old} → {new} {unit}（原值来自 {file}）",
        "  revised {city} {target} {year}: {old} → {new} {unit} (was from {file})",
    ),
    "ingest.task_revised": (
        "  修订 {city} {task}：{old} → {new}（原值来自 {file}）",
        "  revised {city} {task}: {old} → {new} (was from {file})",
    ),
    "ingest.not_current": ("  非现行：{kept}", "  not current: {kept}"),
    "ingest.kept_value": (
        "{city} {target} {year}：{value}（{vintage}）保留在历史记录中；"
        "来自 {file} 的{current_vintage}数值 {current} 仍为现行数值",
        "{city} {target} {year}: {value} ({vintage}) kept in the history; the "
        "{current_vintage} figure {current} from {file} stays current",
    ),
    "ingest.summary": (
        "{files}个文件：导入{ingested}个，以前已导入{already}个，退回{rejected}个{skipped}；"
        "新增数值{new}个，修订{revised}个",
        "{files} file(s): {ingested} ingested, {already} already ingested, {rejected} "
        "rejected{skipped}; {new} new value(s), {revised} revised",
    ),
    "ingest.summary.skipped": ("，跳过{n}个", ", {n} skipped"),
    "ingest.summary.dry_run": (
        "试运行，未写入任何内容：{files}个文件：可导入{checked}个，以前已导入{already}个，"
        "退回{rejected}个；新增数值{new}个，修订{revised}个",
        "dry run, nothing written: {files} file(s): {checked} would be ingested, {already} "
        "already ingested, {rejected} rejected; {new} new value(s), {revised} revised",
    ),
    # ---------------------------------------------------------------- a rejected file
    "reject.head": (
        "ipkpi 未能导入此文件，文件中的数据均未入库。请按下列问题修改后重新放入收件文件夹。",
        "ipkpi could not take this file, so nothing in it was stored. Fix the problems below "
        "and put the file in the inbox again.",
    ),
    "reject.file": ("文件：      {name}", "File:        {name}"),
    "reject.from": ("来源：      {path}", "From:        {path}"),
    "reject.when": ("退回时间：  {time}", "Rejected:    {time}"),
    "reject.sha256": ("校验值 SHA-256：{sha256}", "SHA-256:     {sha256}"),
    "reject.problems": ("问题（{n}个）：", "Problems ({n}):"),
    "reject.annotated": (
        "标注副本：{name}（问题单元格标红并附批注）",
        "Annotated copy: {name} (each bad cell in red, with the problem as a comment)",
    ),
    "reject.not_annotated": ("无标注副本：{why}", "No annotated copy: {why}"),
    "reject.sheet": ("ipkpi 错误", "ipkpi Errors"),
    "reject.column.sheet": ("工作表", "Sheet"),
    "reject.column.cell": ("单元格", "Cell"),
    "reject.column.problem": ("问题", "Problem"),
    "annotate.whole_file": (
        "这些问题涉及整个文件，而不是某些单元格",
        "the problems concern the whole file, not particular cells",
    ),
    "annotate.unreadable": ("文件无法读取：{problem}", "the file cannot be read: {problem}"),
    "annotate.too_many_cells": (
        "文件有{cells:,}个单元格；标注副本只为不超过{limit:,}个单元格的文件制作",
        "the file has {cells:,} cells; copies are made up to {limit:,}",
    ),
    "annotate.failed": ("无法制作副本（{error}）", "the copy could not be made ({error})"),
}
