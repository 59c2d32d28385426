"""Real-name verification (实名核验) behind a plugin registry (STYLE.md rule 7).

``base`` defines the provider interface and its error classes, ``registry`` picks the configured
provider (``GOVHALL_REALNAME_PROVIDER``), ``contrib/<provider>/`` holds one provider each — for now
the ``sandbox`` that behaves like a population-registry comparison service. ``services`` and
``selectors`` record and read the level an account has reached (L1 registered, L2 verified by a
provider, L3 verified in person); other apps use them through ``govhall.accounts.facade``.
"""
