"""Putting built sites in front of their readers: a web server's configuration with a door per site,
the files static hosts read, a CI workflow, and a zip of one site to send by e-mail.

Who may read which site is written in the workspace (validation/publishing.py checks it); passwords
never are: they come from a secrets file outside the repository or from the environment
(loading/secrets.py). Everything here reads the sites `pressbook build` made and the workspace's
settings; nothing here renders a page.
"""
