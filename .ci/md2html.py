#!/usr/bin/env python3
"""Turns the 使用说明 (assets/docs/使用说明.md) into one self-contained HTML
file for the Windows zip: a clerk opens it in the browser with a double click,
images included (as data: URLs), no Markdown viewer needed.

Handles only what the guide uses: # headings, paragraphs, - and 1. lists,
> notes, images on their own line, **bold**, `code`, [links](url) and
<kbd>keys</kbd> (passed through). Standard library only.

usage: md2html.py IN.md OUT.html
"""
import base64
import html
import os
import re
import sys

INLINE = [
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*([^*]+)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"\[([^\]]+)\]\(([^)]+)\)"), r'<a href="\2">\1</a>'),
]


def join(parts):
    """Joins wrapped lines; Chinese text takes no space at a line break."""
    out = ""
    for p in parts:
        if out and not (ord(out[-1]) > 0x2E7F or ord(p[0]) > 0x2E7F):
            out += " "
        out += p
    return out


def inline(text):
    # Escape first, then let the guide's own <kbd> through.
    out = html.escape(text, quote=False)
    out = re.sub(r"&lt;(/?kbd)&gt;", r"<\1>", out)
    for pat, rep in INLINE:
        out = pat.sub(rep, out)
    return out


def image(alt, src, base):
    path = os.path.join(base, src)
    with open(path, "rb") as f:
        data = base64.b64encode(f.read()).decode("ascii")
    kind = "png" if src.lower().endswith(".png") else "jpeg"
    return (
        f'<figure><img src="data:image/{kind};base64,{data}" alt="{html.escape(alt)}">'
        f"<figcaption>{html.escape(alt)}</figcaption></figure>"
    )


def convert(md, base):
    out, para, lst = [], [], None

    def flush():
        nonlocal para, lst
        if para:
            out.append("<p>" + inline(join(para)) + "</p>")
            para = []
        if lst:
            out.append(f"</{lst}>")
            lst = None

    title = "使用说明"
    for raw in md.splitlines():
        line = raw.rstrip()
        m_img = re.fullmatch(r"!\[([^\]]*)\]\(([^)]+)\)", line.strip())
        m_h = re.match(r"(#{1,4}) (.*)", line)
        m_ul = re.match(r"\s*[-*] (.*)", line)
        m_ol = re.match(r"\s*\d+\. (.*)", line)
        if not line.strip():
            flush()
        elif m_img:
            flush()
            out.append(image(m_img.group(1), m_img.group(2), base))
        elif m_h:
            flush()
            n = len(m_h.group(1))
            if n == 1:
                title = m_h.group(2)
            out.append(f"<h{n}>{inline(m_h.group(2))}</h{n}>")
        elif m_ul or m_ol:
            kind = "ul" if m_ul else "ol"
            if para:
                out.append("<p>" + inline(join(para)) + "</p>")
                para = []
            if lst != kind:
                if lst:
                    out.append(f"</{lst}>")
                out.append(f"<{kind}>")
                lst = kind
            out.append("<li>" + inline((m_ul or m_ol).group(1)) + "</li>")
        elif line.startswith(">"):
            flush()
            out.append('<p class="note">' + inline(line.lstrip("> ")) + "</p>")
        elif lst and raw.startswith("  "):
            # continuation of a list item
            item = out[-1][: -len("</li>")]
            sep = "" if ord(item[-1]) > 0x2E7F else " "
            out[-1] = item + sep + inline(line.strip()) + "</li>"
        else:
            if lst:
                out.append(f"</{lst}>")
                lst = None
            para.append(line.strip())
    flush()
    style = (
        "body{font-family:'Microsoft YaHei','微软雅黑','PingFang SC','Noto Sans CJK SC',sans-serif;"
        "max-width:60em;margin:2em auto;padding:0 1em;line-height:1.7;color:#222}"
        "h1{color:#c0392b}h2{border-bottom:1px solid #ddd;padding-bottom:.2em}"
        "img{max-width:100%;border:1px solid #ccc}figure{margin:1em 0}"
        "figcaption{color:#666;font-size:90%}code,kbd{background:#f3f3f3;padding:0 .3em;"
        "border-radius:3px;font-family:Consolas,monospace}kbd{border:1px solid #bbb}"
        ".note{background:#fff8e1;padding:.5em 1em;border-left:4px solid #f0b400}"
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        + "\n".join(out)
        + "\n</body>\n</html>\n"
    )


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        md = f.read()
    page = convert(md, os.path.dirname(os.path.abspath(src)))
    # Never leave a half-written file: write beside it, then rename.
    tmp = dst + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(page)
    os.replace(tmp, dst)


if __name__ == "__main__":
    main()
