"""The web editor: Decap CMS's configuration made from the model (config.py), the local backend that
answers it from the workspace's files (backend.py), and the pages `pressbook serve` serves at /admin/
(app.py). Why Decap, and how it is vendored: docs/cms.md."""
