#!/usr/bin/env python3
"""Turn an exported report page into the text a website crawler stores.

Usage: crawler.py [--sep " "] PAGE.html > PAGE.crawler.txt

Modelled on ../shared/samples/real/pingtan2024.crawler.txt (a real crawler
archive of a published report): a metadata header of `key: value` lines, the
line `==================== 正文 ====================`, then the whole body on
ONE line, made by joining every text node with no separator at all (or with
`--sep`, as crawlers that call get_text(" ") do) -- between
paragraphs, between headings and paragraphs, and between table cells, so a
table row of counts becomes one digit run (`一、本年新收政府信息公开申请数量2171000…`).

Details, so the output is deterministic and comparable:
- <head>, <style>, <script> are skipped; the <title> (or else the first <h1>)
  becomes the `标题:` line and the <h1> is not repeated in the body (a site
  shows the title outside the article, and the crawler stores it in the header).
- whitespace inside one text node is collapsed to a single space and trimmed
  at both ends (HTML whitespace is not content); <br> gives one space.
- the signature paragraphs (<p class="sign">) stay in the body; the one that
  reads like a date (`…年…月…日`) is also copied to `发布时间:`, the other one
  to `发布机构:`.
- `原文链接:` is the input file name, `本地目录:` the stem, so nothing depends on
  where the script is run.

Python 3 standard library only.
"""

import html.parser
import os
import re
import sys

SKIP = {"head", "style", "script", "title", "noscript"}
VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr"}


class Crawler(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # open tags
        self.title = ""
        self.h1 = ""
        self.body = []
        self.signs = []
        self._sign_buf = None

    def _in(self, tag):
        return tag in self.stack

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            if not any(t in SKIP for t in self.stack):
                self.body.append(" ")
            return
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "p" and ("class", "sign") in attrs:
            self._sign_buf = []

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and not any(t in SKIP for t in self.stack):
            self.body.append(" ")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in self.stack:
            # close everything opened after it too (tolerant of bad nesting)
            while self.stack:
                t = self.stack.pop()
                if t == tag:
                    break
        if tag == "p" and self._sign_buf is not None:
            self.signs.append("".join(self._sign_buf))
            self._sign_buf = None

    def handle_data(self, data):
        text = re.sub(r"\s+", " ", data).strip()
        if not text:
            return
        if "title" in self.stack:
            self.title += text
            return
        if any(t in SKIP for t in self.stack):
            return
        if "h1" in self.stack:
            self.h1 += text
            return
        self.body.append(text)
        if self._sign_buf is not None:
            self._sign_buf.append(text)


def main():
    args = sys.argv[1:]
    sep = ""
    if len(args) == 3 and args[0] == "--sep":
        sep, args = args[1], args[2:]
    if len(args) != 1:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    path = args[0]
    with open(path, "rb") as f:
        raw = f.read()
    try:
        page = raw.decode("utf-8")
    except UnicodeDecodeError:  # pages from older sites are often GBK
        page = raw.decode("gb18030", "replace")
    c = Crawler()
    c.feed(page)
    c.close()
    title = c.title or c.h1
    date = next((s for s in c.signs if re.search(r"\d+\s*年.*月.*日", s)), "")
    agency = next((s for s in c.signs if s != date), "")
    name = os.path.basename(path)
    stem = os.path.splitext(name)[0]
    body = sep.join(c.body).strip()
    out = [
        f"标题: {title}",
        f"发布时间: {date}",
        "文号: ",
        f"发布机构: {agency}",
        "栏目: 政府信息公开年报",
        f"原文链接: {name}",
        f"本地目录: {stem}",
        "页面链接与图片详见 links.tsv(同目录)",
        "==================== 正文 ====================",
        body,
    ]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
