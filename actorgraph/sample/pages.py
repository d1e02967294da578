"""HTML article pages for the sample site, wrapped in realistic news-site boilerplate."""

from __future__ import annotations

from html import escape

from actorgraph.sample.corpus import Outlet, SampleArticle

HTML_TYPE = "text/html; charset=utf-8"

# Headlines in the "Trending" box: they name other leaders on purpose, so an extractor that reads
# boilerplate would invent actors and meetings that are not in the article.
TRENDING = (
    "Xi Jinping and Vladimir Putin pledge 'no limits' energy deal in Beijing",
    "Kim Jong Un oversees missile launch, Seoul says",
    "Donald Trump to meet Narendra Modi at G7 summit",
    "Emmanuel Macron hosts Olaf Scholz for Paris talks on Ukraine",
)
REPORTERS = ("Saruul Enkhtuya", "Tom Richards", "Anu Ganbaatar", "Mei Lin")
PHOTOGRAPHERS = ("B. Bold", "Khishigjargal D.", "Reuters/Pool", "AFP")


def _nav(outlet: Outlet) -> str:
    links = ["Home", "Politics", "Defence", "Business", "World", "Culture", "Opinion", "Sport"]
    items = "".join(f'<li><a href="/{outlet.key}/{x.lower()}/">{x}</a></li>' for x in links)
    return f'<nav class="main-menu" aria-label="Main"><ul>{items}</ul></nav>'


def _cookie_banner() -> str:
    return (
        '<div id="cookie-consent" class="cookie-banner" role="dialog">'
        "<p>We use cookies to improve your experience and to show personalised ads. "
        "By clicking Accept you agree to our use of cookies.</p>"
        '<button type="button">Accept all</button><button type="button">Manage options</button>'
        "</div>"
    )


def _trending() -> str:
    items = "".join(f'<li><a href="#">{escape(title)}</a></li>' for title in TRENDING)
    return f'<aside class="trending"><h2>Trending</h2><ol>{items}</ol></aside>'


def _related(article: SampleArticle, others: list[SampleArticle], base_url: str) -> str:
    picks = [o for o in others if o.outlet == article.outlet and o.id != article.id][:3]
    items = "".join(
        f'<li><a href="{escape(base_url + o.path)}">{escape(o.title)}</a></li>' for o in picks
    )
    return f'<section class="related-stories"><h3>Related stories</h3><ul>{items}</ul></section>'


def _newsletter(outlet: Outlet) -> str:
    return (
        '<form class="newsletter-signup" action="/subscribe" method="post">'
        f"<h3>Get the {escape(outlet.name)} morning briefing</h3>"
        "<p>The day's top stories from Ulaanbaatar, Beijing and Moscow in your inbox.</p>"
        '<input type="email" name="email" placeholder="Your email"><button>Sign up</button>'
        "</form>"
    )


def _footer(outlet: Outlet) -> str:
    return (
        '<footer class="site-footer"><p>© 2026 '
        f"{escape(outlet.name)}. All rights reserved.</p>"
        '<p><a href="/about">About us</a> | <a href="/contact">Contact</a> | '
        '<a href="/privacy">Privacy policy</a> | <a href="/advertise">Advertise</a></p>'
        "<p>Reproduction without written permission is prohibited.</p></footer>"
    )


def article_page(
    article: SampleArticle, outlet: Outlet, others: list[SampleArticle], base_url: str
) -> bytes:
    """The full HTML page of one article."""
    index = int("".join(ch for ch in article.id if ch.isdigit()) or 0)
    reporter = REPORTERS[index % len(REPORTERS)]
    photographer = PHOTOGRAPHERS[index % len(PHOTOGRAPHERS)]
    url = base_url + article.path
    title = escape(article.title)
    when = article.published_dt.strftime("%d %B %Y, %H:%M UTC")
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    wrapper_class = {"wire": "story-body", "magazine": "longform", "tabloid": "txt"}.get(
        outlet.style, "article-body"
    )
    html = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | {escape(outlet.name)}</title>
<link rel="canonical" href="{escape(url)}">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{escape(url)}">
<meta property="og:site_name" content="{escape(outlet.name)}">
<meta property="article:published_time" content="{article.published}">
<meta name="author" content="{escape(reporter)}">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "news"}});</script>
<style>.cookie-banner{{position:fixed;bottom:0}}</style>
</head>
<body class="style-{escape(outlet.style)}">
{_cookie_banner()}
<header class="masthead"><a class="logo" href="/{outlet.key}/">{escape(outlet.name)}</a>
<span class="tagline">{escape(outlet.tagline)}</span></header>
{_nav(outlet)}
<div class="ad-slot">Advertisement</div>
<main>
<div class="article-header">
<h1>{title}</h1>
<div class="byline">By <span class="author">{escape(reporter)}</span> ·
<time datetime="{article.published}">{when}</time></div>
<figure><img src="/static/photo-{escape(article.id)}.jpg" alt="">
<figcaption>Photo: {escape(photographer)} / {escape(outlet.name)}</figcaption></figure>
</div>
<article>
<div class="{wrapper_class}">
{paragraphs}
</div>
</article>
{_related(article, others, base_url)}
</main>
{_trending()}
{_newsletter(outlet)}
{_footer(outlet)}
</body>
</html>
"""
    return html.encode("utf-8")


def outlet_index(outlet: Outlet, articles: list[SampleArticle], base_url: str) -> bytes:
    """A simple front page listing an outlet's articles."""
    items = "".join(
        f'<li><a href="{escape(base_url + a.path)}">{escape(a.title)}</a></li>' for a in articles
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(outlet.name)}</title></head><body>{_nav(outlet)}"
        f"<h1>{escape(outlet.name)}</h1><ul>{items}</ul>{_footer(outlet)}</body></html>"
    ).encode()
