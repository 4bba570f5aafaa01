"""The house rules of the add-on, checked over its source (no site, no search node).

- Imports: no circle between modules, no package importing one above it (docs/development.md
  has the picture), function-level imports only with a comment saying why.
- Every user-visible string passes through the zh_CN catalog: no bare Chinese string literal in
  a module or a template, outside the demo and the modules that hold data.
"""

from pathlib import Path

import ast
import collections
import pytest
import re


PACKAGE = Path(__file__).resolve().parent.parent / "src" / "shaoyang" / "licensing"
ROOT = "shaoyang.licensing"

# Lowest first; a package may import its own layer's packages' modules only where the
# contract below allows, and any package of a lower layer. The domain core (catalogue,
# deadlines, case) imports nothing from search, disclosure, supervision or demo.
LAYERS = (
    # foundation: no domain knowledge
    ("i18n", "interfaces"),
    ("codes", "roles", "departments", "rest"),
    ("validation", "city", "workflow", "vocabularies"),
    ("catalogue",),
    ("deadlines",),
    ("case",),
    ("chain", "documents"),
    ("notices", "search"),
    ("casepdf", "disclosure", "supervision"),
    # wiring and tools: may use every domain
    ("browser", "setuphandlers", "upgrades", "demo", "scripting", "testing"),
)
# Same-layer imports that are allowed (importer -> imported).
SIDEWAYS = {("notices", "chain")}


def _modules():
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join((ROOT,) + parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        modules[name] = path
    return modules


MODULES = _modules()


def _imports(name, path):
    """``[(lineno, imported module, at function level)]`` of the add-on's own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nested = set()
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            nested |= {id(n) for n in ast.walk(fn) if isinstance(n, (ast.Import, ast.ImportFrom))}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package, one level up per extra dot
                package = name if path.name == "__init__.py" else name.rpartition(".")[0]
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            if target in MODULES and target != name:
                found.append((node.lineno, target, id(node) in nested))
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _package(module):
    parts = module[len(ROOT) + 1:].split(".")
    return parts[0] if parts != [""] else ""


def _layer(package):
    for n, layer in enumerate(LAYERS):
        if package in layer:
            return n
    raise AssertionError(f"package {package!r} is in no layer of tests/test_house.py: place it")


def test_every_package_has_a_layer():
    for module in MODULES:
        if module != ROOT:
            _layer(_package(module))


def test_no_import_circles():
    """Tarjan's strongly connected components over module imports: none larger than one."""
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for _, w, _ in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert circles == []


def test_no_package_imports_upward():
    upward = []
    for module, imports in GRAPH.items():
        source = _package(module)
        if not source:
            continue
        for lineno, target, _ in imports:
            imported = _package(target)
            if not imported or imported == source or (source, imported) in SIDEWAYS:
                continue
            if _layer(imported) >= _layer(source):
                upward.append(f"{MODULES[module].relative_to(PACKAGE)}:{lineno} imports {target}")
    assert upward == []


def test_domain_core_imports_no_consumer():
    core = {"catalogue", "deadlines", "case"}
    consumers = {"search", "disclosure", "supervision", "demo"}
    found = [
        f"{module} imports {target}"
        for module, imports in GRAPH.items()
        if _package(module) in core
        for _, target, _ in imports
        if _package(target) in consumers
    ]
    assert found == []


def test_function_level_imports_say_why():
    """An import inside a function needs ``# import here: <why>`` on its line or the one above."""
    silent = []
    for module, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    here = lines[node.lineno - 1] + (lines[node.lineno - 2] if node.lineno > 1 else "")
                    if "# import here:" not in here:
                        silent.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert sorted(set(silent)) == []


# -- every user-visible string through the catalog ----------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")
# Modules whose Chinese strings are data, not messages: the wording of the legal notices
# (document text fixed by the forms, not interface), the patterns that find personal data,
# and the demo's made-up people and cases.
DATA_MODULES = {"notices/kinds.py", "disclosure/masking.py"}
DATA_PACKAGES = {"demo"}
# A single literal that is data (input aliases, a regex) carries this comment on its line.
DATA_MARK = "# i18n: data"


def _messages_in(tree):
    """ids of string constants that are the arguments of ``_()`` calls or docstrings."""
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
            inside |= {id(n) for n in ast.walk(node)}
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                inside.add(id(body[0].value))
    return inside


def bare_chinese_literals(path):
    """``["file:line text"]`` of Chinese string literals of ``path`` that bypass the catalog."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    inside = _messages_in(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
            if id(node) in inside or DATA_MARK in lines[node.lineno - 1]:
                continue
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value[:30]!r}")
    return found


def _python_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in DATA_PACKAGES or relative.as_posix() in DATA_MODULES:
            continue
        yield path


@pytest.mark.parametrize("path", list(_python_modules()), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_bare_chinese_in_python(path):
    assert bare_chinese_literals(path) == []


# Template text inside these is replaced when the page renders (sample content for people
# reading the template), or is translated by its own msgid.
REPLACED = re.compile(r"\b(tal:content|tal:replace|i18n:translate|tal:condition=\"nothing\")")


def bare_chinese_in_template(path):
    """Chinese text of a page template outside translated or replaced elements."""
    from lxml import etree  # import here: lxml is Zope's own parser, needed by this check only

    parser = etree.XMLParser(recover=True)
    tree = etree.fromstring(path.read_bytes(), parser)
    found = []

    prefixes = {"http://xml.zope.org/namespaces/tal": "tal:", "http://xml.zope.org/namespaces/i18n": "i18n:"}

    def shown(element):
        """Whether text directly inside ``element`` reaches the page as written."""
        for ancestor in [element, *element.iterancestors()]:
            names = [etree.QName(k) for k in ancestor.attrib]
            attributes = " ".join(f'{prefixes.get(q.namespace, "")}{q.localname}="{ancestor.attrib[q.text]}"'
                                  for q in names)
            if REPLACED.search(attributes):
                return False
        return True

    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for text, owner in ((element.text, element), (element.tail, element.getparent())):
            if text and CJK.search(text) and owner is not None and shown(owner):
                found.append(f"{path.relative_to(PACKAGE)}:{element.sourceline} {text.strip()[:30]!r}")
        for name, value in element.attrib.items():
            if CJK.search(value) and not name.startswith("{http://xml.zope.org/namespaces/"):
                translated = element.attrib.get("{http://xml.zope.org/namespaces/i18n}attributes", "")
                if name not in translated:
                    found.append(f"{path.relative_to(PACKAGE)}:{element.sourceline} @{name} {value[:30]!r}")
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.pt")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_bare_chinese_in_templates(path):
    assert bare_chinese_in_template(path) == []


def test_the_literal_checks_can_fail(tmp_path):
    """The checks above find what they look for (a test that cannot fail is a defect)."""
    module = PACKAGE / "_house_probe.py"
    template = PACKAGE / "_house_probe.pt"
    try:
        module.write_text('MESSAGE = "未翻译"\nKEPT = _("ok", default="已翻译")\n', encoding="utf-8")
        template.write_text('<p xmlns:i18n="http://xml.zope.org/namespaces/i18n">未翻译'
                            '<span i18n:translate="ok">已翻译</span></p>', encoding="utf-8")
        assert [f.split(" ")[0] for f in bare_chinese_literals(module)] == ["_house_probe.py:1"]
        assert [f.split(" ")[0] for f in bare_chinese_in_template(template)] == ["_house_probe.pt:1"]
    finally:
        module.unlink(missing_ok=True)
        template.unlink(missing_ok=True)


def test_one_default_per_message_id():
    """Two places using one msgid with different Chinese defaults would show one of them wrong."""
    pattern = re.compile(r'_\(\s*"([A-Za-z0-9_.]+)"\s*,\s*default\s*=\s*"([^"]*)"\s*\)')
    defaults = collections.defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        for msgid, default in pattern.findall(path.read_text(encoding="utf-8")):
            defaults[msgid].add(default)
    assert {k: v for k, v in defaults.items() if len(v) > 1} == {}
