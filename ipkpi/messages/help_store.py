"""Help of the shared store's commands (``ipkpi db …``) and what they print."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "help.db": (
        "共享数据库（PostgreSQL）：建表、授权、复制 SQLite 数据库。",
        "Set up a shared PostgreSQL store: tables, roles, copying in.",
    ),
    "help.db.init": (
        "在 PostgreSQL 数据库（--db URL 或 $IPKPI_DB）中建立 ipkpi 的表，"
        "并建立角色 ipkpi_reader（只读：报告、导出、简报、看板）、ipkpi_writer（导入、run）"
        "和 ipkpi_place_writer（只能写本地区的数据），授予相应权限。"
        "再次运行只核对，不改动已有数据。需要能建表和建角色的账号（数据库的所有者）。\n\n"
        "示例：\n"
        "  ipkpi db init --db postgresql://ipkpi_admin@db.example.gov.cn/ipkpi",
        "Create ipkpi's tables in a PostgreSQL database (--db URL or $IPKPI_DB), and the\n"
        "roles ipkpi_reader (report, export, brief, dashboard), ipkpi_writer (ingest, run)\n"
        "and ipkpi_place_writer (only its own places' figures), with their grants. Run\n"
        "again, it checks and changes nothing. Needs a role that may create tables and\n"
        "roles (the database's owner).\n\n"
        "Example: ipkpi db init --db postgresql://ipkpi_admin@db.example.gov.cn/ipkpi",
    ),
    "help.db.grant": (
        "让一个登录角色成为共享数据库的读者或写入者；--place 把写入者限定在这些地区"
        "（行级安全策略：它导入的工作簿含有别的地区的数值时，整个文件被拒收）。\n\n"
        "示例：\n"
        "  ipkpi db grant leader --as reader\n"
        "  ipkpi db grant nanjing_ipo --as writer --place 南京",
        "Make a login role a reader or a writer of the shared store; --place keeps a writer\n"
        "to those places (row-level security: a workbook with another place's figures is\n"
        "refused whole).\n\n"
        "Examples: ipkpi db grant leader --as reader;\n"
        "ipkpi db grant nanjing_ipo --as writer --place 南京",
    ),
    "help.db.grant.role": ("PostgreSQL 的登录角色。", "A PostgreSQL login role."),
    "help.db.grant.as": ("reader（只读）或 writer（写入）。", "reader or writer."),
    "help.db.grant.place": (
        "写入者只能写这个地区（代号、中文名或英文名；可重复）。",
        "The writer may write only this place (slug, Chinese or English name; repeatable).",
    ),
    "help.db.copy": (
        "把一个数据库（通常是 SQLite 文件）连同历史和来源复制到另一个（共享的 PostgreSQL），"
        "逐个文件核对条数和数值；可以重复运行：已复制的文件会跳过。"
        "核对不一致时退出状态为 1。\n\n"
        "示例：\n"
        "  ipkpi db copy --from ipkpi.db --to postgresql://ipkpi_admin@db/ipkpi",
        "Copy a store (usually a SQLite file), with its history and provenance, into another\n"
        "(the shared PostgreSQL store), checking each file's counts and values; safe to run\n"
        "again: files copied before are passed over. Exit status 1 if the copy differs.\n\n"
        "Example: ipkpi db copy --from ipkpi.db --to postgresql://ipkpi_admin@db/ipkpi",
    ),
    "help.db.copy.from": ("要复制的数据库（文件或 URL）。", "The store to copy (file or URL)."),
    "help.db.copy.to": ("复制到的数据库（URL 或文件）。", "The store to copy into (URL or file)."),
    "cli.db.created": (
        "已在 {path} 中建立 ipkpi 的表，角色和权限已设置（{roles}）",
        "created ipkpi's tables in {path}, with the roles and their grants ({roles})",
    ),
    "cli.db.checked": (
        "{path} 中已有 ipkpi 的表，已核对；角色和权限已设置（{roles}）",
        "ipkpi's tables in {path} are there and checked; roles and grants set ({roles})",
    ),
    "cli.db.granted_reader": ("{role} 现在可以读取数据库", "{role} may now read the store"),
    "cli.db.granted_writer": (
        "{role} 现在可以读取并写入所有地区的数据",
        "{role} may now read the store and write every place's figures",
    ),
    "cli.db.granted_places": (
        "{role} 现在可以读取数据库，并只能写入：{places}",
        "{role} may now read the store and write only: {places}",
    ),
    "cli.db.copied": (
        "已复制 {copied} 个文件到 {path}（数值 {values} 个，任务报送 {tasks} 条），"
        "{present} 个文件此前已在；核对一致",
        "copied {copied} files into {path} ({values} values, {tasks} task reports), "
        "{present} were there already; the copy checks out",
    ),
}
