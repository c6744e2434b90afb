"""A deterministic synthetic workspace, valid, of a given size: for benchmarks, not for users.

    python benchmarks/generate.py DIR --influencers 5000 --campaigns 500 --posts 20 --days 100
"""
from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

NETWORKS = ("instagram", "tiktok", "youtube", "pinterest", "linkedin")
FORMATS = {"instagram": "reel", "tiktok": "video", "youtube": "video", "pinterest": "pin", "linkedin": "post"}
TOPICS = ("beauté", "mode", "voyage", "cuisine", "sport", "tech", "parentalité", "jeux vidéo", "finance", "écologie")
SIZES = {"S": (100, 10, 10, 10), "M": (1000, 100, 20, 30), "L": (5000, 500, 20, 100)}


def generate(root: Path, influencers: int, campaigns: int, posts: int, days: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    for folder in ("clients", "influencers", "campaigns"):
        (content / folder).mkdir(parents=True)
    (content / "workspace.yml").write_text("agency: Agence Synthétique\nlanguage: fr\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Agence Synthétique\ntheme:\n  name: material\n", encoding="utf-8")
    clients = max(1, campaigns // 10)
    for c in range(clients):
        (content / "clients" / f"client-{c:04d}.yml").write_text(
            f"name: Client {c:04d}\nsector: Secteur {c % 7}\nconsent:\n  public: {'true' if c % 3 == 0 else 'false'}\n",
            encoding="utf-8")
    accounts = []
    for i in range(influencers):
        networks = rng.sample(NETWORKS, rng.randint(1, 3))
        accounts.append(networks)
        lines = ["---", f"name: Créateur {i:05d}", "networks:"]
        for network in networks:
            lines += [f"  {network}:", f"    handle: createur{i:05d}.{network}", f"    followers: {rng.randint(2000, 900000)}"]
        lines += [f"topics: [{', '.join(rng.sample(TOPICS, 2))}]", "content_types: [reel, story]",
                  f"preferred_network: {networks[0]}", "consent:", f"  public: {'true' if i % 2 else 'false'}",
                  "interactions:", "  - date: 2026-01-10", "    kind: call", f"    summary: Appel de suivi {i}",
                  "    next_step: Relancer", "    next_on: 2026-12-01", "---",
                  f"Portrait de Créateur {i:05d}, qui publie sur {', '.join(networks)}.", ""]
        (content / "influencers" / f"creator-{i:05d}.md").write_text("\n".join(lines), encoding="utf-8")
    start = date(2025, 1, 6)
    for k in range(campaigns):
        folder = content / "campaigns" / f"campagne-{k:04d}"
        folder.mkdir()
        begin = start + timedelta(days=(k * 3) % 500)
        end = begin + timedelta(days=days + 30)
        team = rng.sample(range(influencers), min(5, influencers))
        roster = []
        for member in team:
            network = accounts[member][0]
            fee = rng.randint(3, 40) * 100
            (folder / "contracts").mkdir(exist_ok=True)
            (folder / "contracts" / f"creator-{member:05d}.yml").write_text("\n".join([
                "status: signed", f"signed_on: {(begin - timedelta(days=7)).isoformat()}", f"fee: {fee}",
                "payment_terms: 30 jours fin de mois", "parties:", f"  - name: Créateur {member:05d}",
                "    role: influencer", "    address: 1 rue de l'Exemple, Paris", "    tax_residence: FR",
                "clauses: [parties, tax_residence, missions, remuneration, in_kind, payment_terms, ip_rights, "
                "french_law]", ""]), encoding="utf-8")
            roster += [f"  - influencer: creator-{member:05d}", "    deliverables:",
                       f"      - network: {network}", f"        format: {FORMATS[network]}",
                       f"        count: {posts // len(team) or 1}", f"        due: {end.isoformat()}",
                       f"    fee: {fee}"]
        status = "completed" if end < date(2026, 11, 1) else "live"
        (folder / "brief.md").write_text("\n".join([
            "---", f"title: Campagne {k:04d}", f"client: client-{k % clients:04d}", f"status: {status}",
            f"start: {begin.isoformat()}", f"end: {end.isoformat()}", f"budget: {rng.randint(50, 400) * 100}",
            "kpis:", "  reach: 500000", "  engagement_rate: 4%", "  cpe: 0.3", "roster:", *roster, "---",
            f"Le brief de la campagne {k}.", ""]), encoding="utf-8")
        post_rows = ["id,influencer,network,format,url,published,caption,paid_label,approved,edited_image,virtual_image"]
        metric_rows = ["post,date,impressions,reach,views,likes,comments,shares,saves,clicks,conversions,revenue,source"]
        for p in range(posts):
            member = team[p % len(team)]
            network = accounts[member][0]
            published = begin + timedelta(days=p)
            post_id = f"p{p:03d}"
            post_rows.append(f"{post_id},creator-{member:05d},{network},{FORMATS[network]},"
                             f"https://example.org/{k}/{p},{published.isoformat()}T18:00,"
                             f"\"Collaboration commerciale avec @client{k % clients}\nJour {p} #pub\",yes,"
                             f"{(published - timedelta(days=1)).isoformat()},no,no")
            reach = impressions = views = likes = comments = shares = saves = clicks = conversions = 0
            for d in range(days):
                grow = rng.randint(50, 2000)
                reach += grow
                impressions += grow + rng.randint(0, 500)
                views += grow + rng.randint(0, 800)
                likes += rng.randint(0, 120)
                comments += rng.randint(0, 10)
                shares += rng.randint(0, 8)
                saves += rng.randint(0, 12)
                clicks += rng.randint(0, 30)
                conversions += rng.randint(0, 2)
                source = "estimated" if d % 29 == 28 else "measured"
                metric_rows.append(f"{post_id},{(published + timedelta(days=d)).isoformat()},{impressions},{reach},"
                                   f"{views},{likes if p % 7 else ''},{comments},{shares},{saves},{clicks},"
                                   f"{conversions},{conversions * 39}.90,{source}")
        (folder / "posts.csv").write_text("\n".join(post_rows) + "\n", encoding="utf-8")
        (folder / "metrics.csv").write_text("\n".join(metric_rows) + "\n", encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--size", choices=sorted(SIZES), help="M or L from the scale issue (S for quick tries)")
    parser.add_argument("--influencers", type=int, default=100)
    parser.add_argument("--campaigns", type=int, default=10)
    parser.add_argument("--posts", type=int, default=10)
    parser.add_argument("--days", type=int, default=10)
    args = parser.parse_args()
    sizes = SIZES[args.size] if args.size else (args.influencers, args.campaigns, args.posts, args.days)
    generate(args.directory, *sizes)
    print(args.directory)


if __name__ == "__main__":
    main()
