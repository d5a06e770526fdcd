"""Tell what a file really is before opening it, and refuse what cannot be a task list."""

from __future__ import annotations

from pathlib import Path

from gwdesk.errors import ImportRejected

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def reject(path: Path, reason: str, *, sheet: str = "") -> ImportRejected:
    where = f"工作表“{sheet}”" if sheet else ""
    return ImportRejected(f"无法导入“{path.name}”{where}：{reason}", file=str(path), sheet=sheet,
                          problems=[reason])


def kind(path: Path) -> str:
    """'xlsx' or 'docx', or raise ImportRejected naming the file and why."""
    path = Path(path)
    if not path.is_file():
        raise reject(path, "找不到该文件")
    with path.open("rb") as f:
        head = f.read(8)
        if head == OLE_MAGIC:
            body = head + f.read(1 << 20)
        else:
            body = head
    suffix = path.suffix.lower()
    if head == OLE_MAGIC:
        if "EncryptionInfo".encode("utf-16-le") in body or "EncryptedPackage".encode("utf-16-le") in body:
            raise reject(path, "文件设置了打开密码（已加密）。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再导入")
        if "WordDocument".encode("utf-16-le") in body or suffix == ".doc":
            raise reject(path, "这是旧版 Word 97-2003（.doc）文件。请用 Word 或 WPS 另存为 .docx 后再导入")
        raise reject(path, "这是旧版 Excel 97-2003（.xls）文件。请用 Excel 或 WPS 另存为 .xlsx 后再导入")
    if len(head) == 0:
        raise reject(path, "文件是空的（0 字节）")
    if head[:4] != ZIP_MAGIC:
        if suffix in (".xlsx", ".xlsm", ".docx"):
            raise reject(path, f"文件内容不是 {suffix[1:]} 格式（可能是改了扩展名的其他文件）")
        raise reject(path, "只能导入 Excel（.xlsx）或 Word（.docx）文件")
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, UnicodeDecodeError, ValueError, EOFError):  # a damaged zip directory
        raise reject(path, "文件已损坏，无法打开") from None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    raise reject(path, "只能导入 Excel（.xlsx）或 Word（.docx）文件")
