"""Messages of the store (``ipkpi.store``): what is wrong with a store that cannot be used
(the ``what`` of E-STORE-UNUSABLE, by the code of the problem) and what to do about it
(``store.todo.*``), the store's own errors, its lock, and the damage a check finds.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # what to do about a store that cannot be used: the todo of E-STORE-UNUSABLE
    "store.todo.rebuild": (
        "请从备份恢复，或把文件重新导入一个新的数据库（--db NEW.db）",
        "restore it from a backup, or ingest the files again into a new store (--db NEW.db)",
    ),
    "store.todo.name_store": (
        "请用 --db（或 $IPKPI_DB）指定数据库",
        "name the store with --db (or $IPKPI_DB)",
    ),
    "store.todo.ingest_first": (
        "请先导入统计数据（ipkpi ingest FILES --db FILE），或用 --db 指定数据库",
        "ingest statistics first (ipkpi ingest FILES --db FILE) or name the store with --db",
    ),
    "store.todo.ingest_once": (
        "请不带 --dry-run 运行一次 ipkpi ingest（它会就地升级数据库）",
        "run ipkpi ingest once without --dry-run (it upgrades the store in place)",
    ),
    "store.todo.upgrade_ipkpi": ("请升级 ipkpi", "upgrade ipkpi"),
    "store.todo.check_later": (
        "下次运行 ipkpi ingest 或 ipkpi run 时会升级它，届时再检查",
        "the next ipkpi ingest or ipkpi run upgrades it; check it then",
    ),
    # what is wrong with a store that cannot be used: the what of E-STORE-UNUSABLE
    "E-STORE-BROKEN": ("数据库已损坏（{detail}）", "the store is damaged ({detail})"),
    "E-STORE-PG-ENCODING": (
        "数据库的字符编码是 {encoding}，不是 UTF8",
        "the database's encoding is {encoding}, not UTF8",
    ),
    "E-STORE-PG-EMPTY": (
        "这个数据库中还没有 ipkpi 的表",
        "this database has no ipkpi tables yet",
    ),
    "E-STORE-TRUNCATED": (
        "数据库已损坏（文件不完整：只有 {size} 字节，文件头记载应有 {expected} 字节）",
        "the store is damaged (truncated: {size} bytes, its header says {expected})",
    ),
    "E-STORE-EMPTY": (
        "这是一个空文件，还不是 ipkpi 数据库",
        "an empty file, not an ipkpi store yet",
    ),
    "E-STORE-UNREADABLE": ("无法读取数据库（{reason}）", "cannot read the store ({reason})"),
    "E-STORE-NOT-SQLITE": (
        "不是 SQLite 数据库文件，因此不是 ipkpi 数据库",
        "not an SQLite database, so not an ipkpi store",
    ),
    "E-STORE-NOT-IPKPI": (
        "是 SQLite 数据库，但不是 ipkpi 数据库（没有 ipkpi 的任何一张表）",
        "an SQLite database, but not an ipkpi store (none of its tables)",
    ),
    "E-STORE-VERSION-OLD": (
        "数据库版本为 {version}，由较早的 ipkpi 创建；试运行什么也不写入，因此无法升级它",
        "store version {version}, made by an older ipkpi; a dry run writes nothing, "
        "so it cannot upgrade it",
    ),
    "E-STORE-VERSION-NEW": (
        "数据库版本为 {version}，由较新的 ipkpi 创建（当前的 ipkpi 最高只认识版本 {known}）",
        "store version {version}, made by a newer ipkpi (this one knows up to version {known})",
    ),
    "E-STORE-UPGRADE-FAILED": (
        "无法把数据库从版本 {version} 升级（{detail}）；数据库没有任何改动",
        "cannot upgrade the store from version {version} ({detail}); nothing changed",
    ),
    "E-STORE-TABLE-MISSING": ("数据库中缺少表 {table}", "table {table} is missing from the store"),
    "E-STORE-COLUMN-MISSING": (
        "数据库中缺少列 {table}.{column}",
        "column {table}.{column} is missing from the store",
    ),
    "E-STORE-TABLE-CHANGED": (
        "表 {table} 在 ipkpi 之外被改动过（它不是 STRICT 表）",
        "table {table} was changed outside ipkpi (it is not STRICT)",
    ),
    "E-STORE-INDEX-MISSING": (
        "数据库中缺少索引 {index}",
        "index {index} is missing from the store",
    ),
    "E-STORE-ORPHANS": (
        "有 {n} 个已存数值或任务进展不属于任何已导入的文件（source_files 中的记录被删除了）",
        "{n} stored value(s) or task report(s) belong to no ingested file "
        "(rows deleted from source_files)",
    ),
    "E-STORE-ORPHANS-FOUND": (
        "有已存数值或任务进展不属于任何已导入的文件（source_files 中的记录被删除了）",
        "stored value(s) or task report(s) belong to no ingested file "
        "(rows deleted from source_files)",
    ),
    "E-STORE-NO-CHECKSUMS": (
        "版本 {version} 的数据库没有记录每个文件的数量和校验值",
        "store version {version} keeps no per-file counts or checksums",
    ),
    "store.todo.db_init": (
        "请先建表：ipkpi db init --db URL（见 README“共享数据库”）",
        "create its tables first: ipkpi db init --db URL (README: A shared store)",
    ),
    "store.todo.utf8_database": (
        "请新建一个 UTF8 编码的数据库（createdb -E UTF8 -T template0 …）再运行 ipkpi db init",
        "make a UTF8 database (createdb -E UTF8 -T template0 …) and run ipkpi db init on it",
    ),
    "store.todo.restore_pg": (
        "请从备份恢复（pg_restore），或用 ipkpi db init 在一个新数据库中建表后重新导入",
        "restore it from a backup (pg_restore), or run ipkpi db init on a new database and "
        "ingest the files again",
    ),
    # the store's own errors
    "E-STORE-NO-FOLDER": (
        "--db：文件夹 {folder} 不存在，无法在那里存放数据库",
        "--db: no folder {folder} for the store",
    ),
    "E-STORE-OPEN": (
        "{path}：无法打开数据库（{detail}）",
        "{path}: cannot open the store ({detail})",
    ),
    "E-STORE-WRITE": (
        "{path}：无法写入数据库（{detail}）",
        "{path}: cannot write the store ({detail})",
    ),
    "E-STORE-LOST": (
        "{path}：与数据库的连接中断（{detail}）；正在写入的文件没有写入任何内容，请稍后重新运行",
        "{path}: the connection to the store was lost ({detail}); nothing of the file being "
        "written was kept: run the command again",
    ),
    "E-STORE-DENIED": (
        "{path}：数据库角色 {role} 无权执行此操作（{detail}）；只读角色只能查看和出报告，"
        "导入须用写入角色，限定地区的写入角色只能写本地区的数据",
        "{path}: role {role} may not do this ({detail}); a reader role can report but not "
        "ingest, and a writer kept to a place can write only that place's figures",
    ),
    "E-STORE-REFUSED": (
        "{path}：数据库拒绝了这项操作（{detail}）",
        "{path}: the database refused this ({detail})",
    ),
    "E-DB-NOT-SHARED": (
        "--db：{path} 不是 PostgreSQL 数据库；ipkpi db init 和 db grant 用于共享数据库"
        "（postgresql://…），SQLite 数据库在第一次导入时自动建立",
        "--db: {path} is no PostgreSQL database; ipkpi db init and db grant are for a shared "
        "store (postgresql://…): a SQLite store is made by its first ingest",
    ),
    "E-DB-PLACE-READER": (
        "--place 只用于写入者（--as writer）：读者可以读所有地区",
        "--place is for a writer (--as writer): a reader reads every place",
    ),
    "E-COPY-MISMATCH": (
        "{path}（SHA-256 {sha}…）：复制后的数值或任务报送与原数据库不一致；"
        "请用 ipkpi data check 检查两边，再重新复制",
        "{path} (SHA-256 {sha}…): the copy's values or task reports differ from the source's; "
        "check both with ipkpi data check, then copy again",
    ),
    "E-COPY-CURRENT": (
        "{city}：复制后的当前值或历史与原数据库不一致；请用 ipkpi data show --history 比较两边",
        "{city}: the copy's current figures or history differ from the source's; compare "
        "both with ipkpi data show --history",
    ),
    # the lock: one writer at a time
    "E-STORE-LOCKED": (
        "{path}：另一个 ipkpi 进程（run 或 ingest）正在写入数据库{holder}；"
        "等待 {waited:g} 秒后放弃（{setting}）",
        "{path}: another ipkpi run or ingest is writing to the store{holder}; "
        "gave up waiting after {waited:g} s ({setting})",
    ),
    "store.lock.holder": ("（{holder}）", " ({holder})"),
    "E-STORE-LOCK-FILE": (
        "{path}：无法打开数据库的锁文件 {name}（{reason}）",
        "{path}: cannot open the store's lock file {name} ({reason})",
    ),
    # why a stored figure is or is not current (data show --history): store.vintage.Standing
    "store.standing.current": ("当前值", "current"),
    "store.standing.current_above_later": (
        "当前值：{own}高于后到的{other}",
        "current: {own} ranks above the later {other}",
    ),
    "store.standing.current_above_same_file": (
        "当前值：{own}高于同一文件的{other}",
        "current: {own} ranks above the {other} in the same file",
    ),
    "store.standing.replaced": ("已被后来的文件替换", "replaced by a later file"),
    "store.standing.kept_after": (
        "非当前值：{own}晚于{other}数据到达",
        "not current: {own} after the {other} figure",
    ),
    "store.standing.kept_beside": (
        "非当前值：同一文件的{other}数据高于{own}",
        "not current: {own} beside the {other} figure in the same file",
    ),
    # a vintage as those reasons name it, in English as a word, a noun or with its article
    "store.vintage.word.preliminary": ("快报", "快报"),
    "store.vintage.noun.preliminary": ("快报", "快报"),
    "store.vintage.a.preliminary": ("快报", "a 快报"),
    "store.vintage.word.final": ("正式", "正式"),
    "store.vintage.noun.final": ("正式", "正式"),
    "store.vintage.a.final": ("正式", "a 正式"),
    "store.vintage.word.revised": ("修订", "修订"),
    "store.vintage.noun.revised": ("修订", "修订"),
    "store.vintage.a.revised": ("修订", "a 修订"),
    "store.vintage.word.unmarked": ("未标注", "unmarked"),
    "store.vintage.noun.unmarked": ("未标注", "unmarked figure"),
    "store.vintage.a.unmarked": ("未标注", "an unmarked figure"),
    # damage a check finds, one file each: the damage of E-STORE-DAMAGED
    "E-STORE-FILE-DAMAGED": (
        "{path}：{what}；请重新导入：ipkpi ingest --force {path}",
        "{path}: {what}; re-ingest it: ipkpi ingest --force {path}",
    ),
    "store.damage.values_gone": (
        "原有 {was} 个数值中有 {n} 个不见了",
        "{n} of its {was} values are gone",
    ),
    "store.damage.values_added": (
        "原有 {was} 个数值之外，有 {n} 个是在 ipkpi 之外添加的",
        "{n} values were added to its {was} outside ipkpi",
    ),
    "store.damage.tasks_gone": (
        "原有 {was} 条任务进展中有 {n} 条不见了",
        "{n} of its {was} task reports are gone",
    ),
    "store.damage.tasks_added": (
        "原有 {was} 条任务进展之外，有 {n} 条是在 ipkpi 之外添加的",
        "{n} task reports were added to its {was} outside ipkpi",
    ),
    "store.damage.both": ("{values}，{tasks}", "{values}, {tasks}"),
    "store.damage.changed": (
        "其数值在 ipkpi 之外被改动过（校验值不一致）",
        "its values were changed outside ipkpi (their checksum differs)",
    ),
    "store.damage.not_finite_one": (
        "其中 {n} 个数值不是有限的数（inf）",
        "{n} of its values is not a finite number (inf)",
    ),
    "store.damage.not_finite": (
        "其中 {n} 个数值不是有限的数（inf）",
        "{n} of its values are not a finite number (inf)",
    ),
    "store.damage.uncurrent": (
        "其中 {n} 个数值不再是当前值，也没有别的数值取代它们（当前值标记在 ipkpi 之外被改动过）",
        "{n} of its figures are no longer current, and no other figure is in their place "
        "(the current flag was changed outside ipkpi)",
    ),
}
