#!/usr/bin/env python3
"""Prints the package's non-test targets in dependency order, one line each, for Toolchains/cross.sh.

    plan-modules.py <describe.json> <dump-package.json>

First line: `swift-version<TAB><mode>`, the Swift language mode SwiftPM uses for the package
(declared `swiftLanguageModes`, else 6 from tools version 6.0 on, else 5).
Then one line per target (tab-separated): kind, name, module name, path, defines, sources
  kind     swift-library | swift-executable | c | system
  defines  space-separated -D flags the target's manifest settings give to C code
           (`cSettings: .define`, and `-Xcc -D…` pairs in Swift `unsafeFlags`)
  sources  space-separated paths relative to the package root
`swift package describe` gives the source lists and dependencies; `dump-package` gives the settings.
Reading both keeps cross.sh free of any per-module knowledge: a new target needs no script change.
"""
import json
import sys


def defines_from_settings(settings):
    flags = []
    for setting in settings or []:
        kind = setting.get("kind", {})
        if "define" in kind and setting.get("tool") in ("c", "cxx"):
            flags.append("-D" + kind["define"]["_0"])
        if "unsafeFlags" in kind and setting.get("tool") == "swift":
            raw = kind["unsafeFlags"]["_0"]
            for first, second in zip(raw, raw[1:]):
                if first == "-Xcc" and second.startswith("-D"):
                    flags.append(second)
    return sorted(set(flags))


def language_mode(dumped):
    declared = dumped.get("swiftLanguageModes") or dumped.get("swiftLanguageVersions")
    if declared:
        return max(str(v.get("_0", v) if isinstance(v, dict) else v) for v in declared)
    tools_major = int(dumped["toolsVersion"]["_version"].split(".")[0])
    return "6" if tools_major >= 6 else "5"


def kind_of(target):
    module_type, product_type = target["module_type"], target["type"]
    if module_type == "SystemLibraryTarget":
        return "system"
    if module_type == "ClangTarget":
        return "c"
    if module_type == "SwiftTarget":
        return "swift-executable" if product_type == "executable" else "swift-library"
    raise SystemExit(f"plan-modules: unsupported target {target['name']} ({module_type})")


def main():
    with open(sys.argv[1]) as handle:
        described = json.load(handle)
    with open(sys.argv[2]) as handle:
        dumped = json.load(handle)
    settings = {t["name"]: t.get("settings") for t in dumped["targets"]}
    # Only what ships: test targets and test-only helpers (Tests/TestSupport) stay out.
    targets = {t["name"]: t for t in described["targets"]
               if t["type"] != "test" and t["path"].startswith("Sources/")}

    ordered, visiting = [], set()

    def visit(name):
        if name in ordered:
            return
        if name in visiting:
            raise SystemExit(f"plan-modules: dependency cycle through {name}")
        visiting.add(name)
        for dependency in targets[name].get("target_dependencies", []):
            if dependency in targets:
                visit(dependency)
        visiting.discard(name)
        ordered.append(name)

    for name in sorted(targets):
        visit(name)

    print(f"swift-version\t{language_mode(dumped)}")
    for name in ordered:
        target = targets[name]
        sources = [f"{target['path']}/{source}" for source in target.get("sources", [])]
        for field in sources + [target["path"]]:
            if any(c.isspace() for c in field):
                raise SystemExit(f"plan-modules: whitespace in {field!r} is not supported")
        print("\t".join([
            kind_of(target), name, target["c99name"], target["path"],
            " ".join(defines_from_settings(settings.get(name))), " ".join(sources),
        ]))


main()
