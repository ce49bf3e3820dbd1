"""A workbook's XML members as they would be with every shared-string cell
written inline, for tests that compare two workbooks whose writers differ
only in that: conduct's own rows put text that repeats down a column (a
rule's title and citations, a severity, a subject) in the shared-string
table, while libxlsxwriter's constant-memory cells, and builds from before
issue 22's shared strings, write every string inline. Each
`<c ... t="s"><v>K</v></c>` becomes `<c ... t="inlineStr"><is><t>TEXT</t>
</is></c>` with the table's text as written (same escaping, and
xml:space="preserve" where the table has it), and the table, its content
type and its workbook relationship are left out; everything else is kept
byte for byte. Used by tests/e2e/t_rows.py and tests/tools/same_reports.py
(--inline-shared)."""
import re
import zipfile

SST = "xl/sharedStrings.xml"
CELL = re.compile(r'<c( r="[A-Z]+\d+"(?: s="\d+")?) t="s"><v>(\d+)</v></c>')
SI = re.compile(r"<si>(<t(?: xml:space=\"preserve\")?>.*?</t>)</si>", re.S)


def members_inline(path):
    """{member name: text} of the workbook at path, shared strings inline;
    the member order is kept under the key None (a list)."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        members = {n: z.read(n).decode("utf-8") for n in names}
    table = members.pop(SST, None)
    if table is None:
        members[None] = names
        return members
    strings = SI.findall(table)
    if len(strings) != table.count("<si>"):
        raise ValueError("%s: a shared string that is not plain text" % path)
    for name in list(members):
        if name.startswith("xl/worksheets/sheet"):
            members[name] = CELL.sub(
                lambda m: '<c%s t="inlineStr"><is>%s</is></c>' % (
                    m.group(1), strings[int(m.group(2))]), members[name])
    ct = "[Content_Types].xml"
    members[ct] = re.sub(r'<Override PartName="/xl/sharedStrings.xml"[^>]*/>',
                         "", members[ct])
    rels = "xl/_rels/workbook.xml.rels"
    members[rels] = re.sub(r'<Relationship Id="rId\d+" Type="[^"]*/'
                           r'sharedStrings" Target="sharedStrings.xml"/>',
                           "", members[rels])
    members[None] = [n for n in names if n != SST]
    return members


def same_inline(a, b):
    """The names of the members in which workbooks a and b differ once
    their shared strings are inline ([] when none)."""
    ma, mb = members_inline(a), members_inline(b)
    return [str(n) for n in sorted(set(ma) | set(mb), key=str)
            if ma.get(n) != mb.get(n)]
