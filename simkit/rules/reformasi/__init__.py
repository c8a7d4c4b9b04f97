"""Reforms: policy alternatives written as patches of a national rule.

Each module holds one reform (``mamuju_ikm``, ``kalibrasi``, ``kurva_paksa``, ``rumus``) and
the helpers only it uses (``kalibrasi_penilai``, ``formula``). A reform subclasses its base
rule and replaces steps of it by name (:func:`~simkit.rules.tahap.ganti_tahap`); a reform never
imports another reform. Its parameters are ``simkit/rules/params/<id>.yaml``, merged after its
base rule's.
"""
