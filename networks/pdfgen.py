"""A small PDF writer for the demo agendas and the tests: real, parseable PDFs without extra libraries.

``make_pdf`` writes one A4 page per block of lines in Helvetica. With ``tagged=True`` the text is marked
content in a structure tree (Document > P), the catalog says /Marked and carries /Lang, and the info
dictionary has a /Title: the three things ``networks.pdf`` checks for accessibility.
"""

MAX_LINES_PER_PAGE = 45


def _escape(text):
    text = text.encode("cp1252", "replace").decode("cp1252")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _string(text):
    return "(" + _escape(text) + ")"


def make_pdf(lines, *, title="", lang="nl-NL", tagged=True, extra_catalog="", extra_objects=()):
    """Bytes of a PDF with these lines of text. ``extra_catalog``/``extra_objects`` let tests add hostile parts."""
    lines = list(lines) or [""]
    pages = [lines[i : i + MAX_LINES_PER_PAGE] for i in range(0, len(lines), MAX_LINES_PER_PAGE)]
    objects = {}
    # 1 catalog, 2 pages, 3 font, 4 info, 5 struct tree root, 6 document element; pages from 10 on.
    page_ids, content_ids, para_ids = [], [], []
    next_id = 10
    for _page in pages:
        page_ids.append(next_id)
        content_ids.append(next_id + 1)
        para_ids.append(next_id + 2)
        next_id += 3
    for index, page_lines in enumerate(pages):
        stream = ["BT", "/F1 11 Tf", "14 TL", "56 790 Td"]
        if tagged:
            stream.append("/P <</MCID 0>> BDC")
        for line in page_lines:
            stream.append(f"{_string(line)} Tj T*")
        if tagged:
            stream.append("EMC")
        stream.append("ET")
        content = "\n".join(stream).encode("cp1252", "replace")
        objects[content_ids[index]] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        struct = f" /StructParents {index}" if tagged else ""
        objects[page_ids[index]] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {content_ids[index]} 0 R{struct} >>"
        ).encode()
        if tagged:
            objects[para_ids[index]] = f"<< /Type /StructElem /S /P /P 6 0 R /Pg {page_ids[index]} 0 R /K 0 >>".encode()
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects[2] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    objects[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    info = f"<< /Producer (Kennisplatform) /Title {_string(title)} >>" if title else "<< /Producer (Kennisplatform) >>"
    objects[4] = info.encode("cp1252", "replace")
    catalog = "<< /Type /Catalog /Pages 2 0 R"
    if tagged:
        paras = " ".join(f"{pid} 0 R" for pid in para_ids)
        nums = " ".join(f"{i} [{pid} 0 R]" for i, pid in enumerate(para_ids))
        objects[5] = f"<< /Type /StructTreeRoot /K 6 0 R /ParentTree << /Nums [{nums}] >> >>".encode()
        objects[6] = f"<< /Type /StructElem /S /Document /P 5 0 R /K [{paras}] >>".encode()
        catalog += " /MarkInfo << /Marked true >> /StructTreeRoot 5 0 R"
    if lang:
        catalog += f" /Lang {_string(lang)}"
    catalog += f" {extra_catalog} >>"
    objects[1] = catalog.encode()
    for number, body in extra_objects:
        objects[number] = body if isinstance(body, bytes) else body.encode()
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)
