"""Text messages (短信) behind a provider plugin: ``base`` (the interface), ``registry`` (which
provider runs), ``outbox`` (the transactional outbox and its dispatcher), ``contrib/<provider>``."""
