#!/usr/bin/env python3
"""Time and peak memory of `nianbao check` on hostile inputs (issue 9's table).

Usage: python3 tests/hostile/measure.py [path/to/nianbao]   (default target/release/nianbao)

Each input is generated into a temporary folder, checked once with
/usr/bin/time, and printed as a Markdown row: input, size, seconds, peak
RSS, exit code and the first line nianbao wrote to stderr. A case is cut
off after 60 s.
"""
import os, subprocess, sys, tempfile, zipfile, time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/nianbao")
HEAD = "一、总体情况\n三、收到和处理政府信息公开申请情况\n"


def docx(path, body):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", body)


def make(d):
    """(description, path to check) for every hostile input."""
    out = []
    def w(name, data, desc):
        p = os.path.join(d, name)
        with open(p, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        out.append((desc, p))
    w("deep-span.html", "<html><body>" + "<span>" * 20000 + "一、总体情况" + "</span>" * 20000, "HTML, 20,000 nested `<span>`")
    w("deep-div.html", "<html><body>" + "<div>" * 1_000_000 + "x", "HTML, 1,000,000 nested `<div>`")
    w("spans.html", "<html><body><p>一、总体情况</p><table><tr>" + "<td rowspan=100 colspan=100>0</td>" * 10000 + "</tr></table>", "HTML, 10,000 × `<td rowspan=100 colspan=100>`")
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100"/></w:tcPr><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc>'
    body = "<w:document><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:tbl>" + ("<w:tr>" + cell * 200 + "</w:tr>") * 200 + "</w:tbl></w:body></w:document>"
    p = os.path.join(d, "gridspan.docx"); docx(p, body); out.append(("Word, 200 × 200 cells with `gridSpan=100`", p))
    nested = "<w:document><w:body>" + "<w:tbl><w:tr><w:tc>" * 50000 + "</w:body></w:document>"
    p = os.path.join(d, "nested.docx"); docx(p, nested); out.append(("Word, 50,000 nested tables", p))
    bomb = "<w:document><w:body><w:p><w:r><w:t>" + "0" * (300 * 1024 * 1024) + "</w:t></w:r></w:p></w:body></w:document>"
    p = os.path.join(d, "bomb.docx"); docx(p, bomb); out.append(("Word, zip bomb (300 MB inflated)", p))
    w("rows.txt", HEAD + "|0|0|0|0|0|0|0|\n" * 1_000_000, "text, 1,000,000 table rows (16 MB)")
    w("long.txt", HEAD + "（七）总计 1 2 3 " * 700_000, "text, one 16 MB line")
    w("deep.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /X " + b"[" * 5_000_000 + b" >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "PDF, 5,000,000 nested `[`")
    w("many-lines.txt", HEAD + ("（一）予以公开 1 2 3 4 5 6 21 " * 6 + "\n") * 90_000, "text, 90,000 table-like lines (19 MB)")
    w("long-lines.txt", HEAD + ("（七）总计 1 2 3 " * 11_000 + "\n") * 70, "text, 70 lines of 242 KB")
    w("deep-1000.html", "<html><body>" + "<div>" * 990 + "一、总体情况", "HTML, 990 nested `<div>` (just under the limit)")
    w("big-para.html", "<html><body><p>" + "一是" * 3_000_000 + "</p>", "HTML, one 18 MB paragraph")
    import zlib
    z = zlib.compress(b"[" * 10_000_000, 9)
    w("zdeep.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n".replace(b"%d", str(len(z)).encode()) + z + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "PDF, 10,000,000 `[` in a compressed page stream")
    w("big.txt", "a" * (21 * 1024 * 1024), "text, 21 MB")
    fifo = os.path.join(d, "fifo.txt"); os.mkfifo(fifo); out.append(("FIFO named `.txt`", fifo))
    for dev in ["zero", "urandom"]:
        p = os.path.join(d, dev + ".txt"); os.symlink("/dev/" + dev, p); out.append((f"`/dev/{dev}` named `.txt`", p))
    loop = os.path.join(d, "loop"); os.makedirs(loop)
    seed = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seeds")
    first = sorted(f for f in os.listdir(seed) if f.endswith(".txt"))[0]
    with open(os.path.join(seed, first), "rb") as f:
        open(os.path.join(loop, "report.txt"), "wb").write(f.read())
    os.symlink(".", os.path.join(loop, "self")); os.symlink("..", os.path.join(loop, "up"))
    out.append(("`check DIR` with `ln -s . self` and `ln -s .. up`", loop))
    return out


def run(path):
    t = time.monotonic()
    # Its own session, so that a timeout ends nianbao too, not only `time`.
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", BIN, "check", path],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        _, stderr = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, 9)
        p.communicate()
        return 60.0, None, "timeout", ""
    p.stderr = stderr
    took = time.monotonic() - t
    err = p.stderr.decode(errors="replace").strip().splitlines()
    kb = int(err[-1]) if err and err[-1].isdigit() else None
    msg = next((l for l in err[:-1] if l.strip()), "")
    return took, kb, p.returncode, msg


def main():
    with tempfile.TemporaryDirectory() as d:
        print("| input | size | time | peak memory | exit | first stderr line |")
        print("|---|---|---|---|---|---|")
        for desc, path in make(d):
            size = os.path.getsize(path) if os.path.isfile(path) and not os.path.islink(path) else 0
            took, kb, rc, msg = run(path)
            mem = f"{kb / 1024:.0f} MB" if kb else "—"
            msg = msg.replace(d, "…").replace("|", "\\|")[:90]
            print(f"| {desc} | {size / 1024:,.0f} KB | {took:.2f} s | {mem} | {rc} | {msg} |")


if __name__ == "__main__":
    main()
