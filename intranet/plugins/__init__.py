"""The brand connectors app (folder `intranet/plugins/`, app label `intranet_plugins`): sources
that mirror the company's public brand channels (RSS, YouTube, Mastodon, PeerTube, JSON
APIs), the curation queue and the brand highlights. It is named for its connectors, which
are plugins: each is a class found through the `intranet.connectors` entry points, so a
company adds its own as a package (docs/plugins.md)."""
