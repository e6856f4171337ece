"""MkDocs loads this file (mkdocs.yml `hooks:`) as a plugin: it is the module's own plugin,
ModulePlugin (hooks/module_plugin.py), one object for the whole MkDocs process whose events
MkDocs calls; its settings are under `extra: module:` in mkdocs.yml."""

from module_plugin import ModulePlugin  # MkDocs puts hooks/ on the path while loading this

globals().update(ModulePlugin().events())
