"""
Chinese word segmentation for search (jieba), the same for articles and for readers' queries.

Texts are normalised (NFKC, lower case), cut into runs of Chinese, Latin letters and digits, and
each run is segmented in jieba's search mode: the words, plus the shorter dictionary words inside
them, so that a two-character word such as "法院" or "执行" is found inside "人民法院" or "执行局".
A long word (a court's name) also yields every dictionary word inside it:
"鄂尔多斯市鄂托克旗人民法院" is found by "鄂托克旗" and by "人民法院".

The dictionary is jieba's own (shipped with the package) plus the domain's words: the courts'
names, short names and aliases, the contributors' names and a list of terms. It is loaded once
per process, at the first use. HMM guessing of unknown words is off: it depends on the
surrounding text, so a query and an article could be cut differently.

Every process must cut a name as every other does, or a query for a new court misses the articles
another process indexed with its name as a word. So the domain's words have a *version*, a value
in the shared cache (beside the content generation) that changes when a court or contributor is
added, renamed or deleted (index.py, once the transaction commits). Before it segments a
query or documents (``refresh()``: one read of the cache), a process whose version differs
reloads the domain's words, and only them: it takes back what they changed in jieba's tables and
adds the current ones, in the order a fresh process would, so that its dictionary is the one a
restart would give it (jieba's ``del_word`` would not: it leaves the word's frequency in the
total, which weighs every cut). If the cache is down, a process keeps the words it has.
"""

import logging
import re
import threading
from functools import lru_cache
from itertools import chain

from django.conf import settings

# Terms of the courts' work that jieba's general dictionary does not know as words.
DOMAIN_TERMS = (
    "诉源治理",
    "枫桥经验",
    "新时代枫桥经验",
    "执行难",
    "基本解决执行难",
    "切实解决执行难",
    "留守儿童",
    "巡回审判",
    "巡回法庭",
    "司法为民",
    "公正司法",
    "一站式",
    "多元解纷",
    "矛盾纠纷",
    "诉前调解",
    "司法确认",
    "速裁",
    "繁简分流",
    "审判执行",
    "执行局",
    "失信被执行人",
    "被执行人",
    "申请执行人",
    "拒执罪",
    "终本案件",
    "涉企案件",
    "涉农案件",
    "少年审判",
    "家事审判",
    "环境资源审判",
    "知识产权审判",
    "立案登记制",
    "智慧法院",
    "法治思想",
    "习近平法治思想",
    "扫黑除恶",
    "以案释法",
    "员额法官",
    "人民陪审员",
    "人民调解员",
    "网格员",
    "人民法庭",
    "中院",
    "高院",
    "法院专刊",
)

# jieba cuts runs of Chinese characters, and of Latin letters, digits and a few signs, and leaves
# everything else (punctuation, spaces) alone. Unlike jieba, a run here is Chinese or Latin, not
# both: "审结案件32件" is three runs, so that the Chinese ones are found in the cache of segmented
# runs whatever the numbers (the words are the same: jieba's dictionary mixes them rarely).
_RUN = re.compile(r"[\u4E00-\u9FD5]+|[a-zA-Z0-9+#&._%\-]+")
MAX_WORD_LENGTH = 40  # longer "words" are noise (long numbers, pasted addresses)
BLOCK_CACHE_SIZE = 200_000
VERSION_KEY = "search-dictionary-version"

logger = logging.getLogger(__name__)

_ABSENT = object()  # not in jieba's table before a domain word was added
_UNKNOWN = object()  # the shared version could not be read


def shared_version():
    """The domain words' version in the shared cache (beside the content generation). Raises if
    the cache is down."""
    from newsroom.generation import shared_token

    return shared_token(VERSION_KEY)


def bump_dictionary_version():
    """The domain's words changed: every process reloads them before it next segments. While the
    cache is down, the other processes keep their words until the next change that reaches it (or
    their restart)."""
    from newsroom.generation import renew_shared_token

    renew_shared_token(VERSION_KEY, "the search dictionary's version")


# Full-width letters, digits and the signs that jieba keeps in words (＃％＆＋－．＿).
_WIDE = re.compile(
    r"[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF03\uFF05\uFF06\uFF0B\uFF0D\uFF0E\uFF3F]"
)
_NARROW = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def normalise(text):
    """Full-width letters, digits and signs as ASCII, Latin in lower case."""
    text = text or ""
    if _WIDE.search(text):  # rare: not worth translating every text
        text = text.translate(_NARROW)
    return text.lower()


def _is_word(token):
    return 0 < len(token) <= MAX_WORD_LENGTH and any(ch.isalnum() for ch in token)


class Segmenter:
    """
    A jieba tokenizer with the domain's words, and a cache of segmented runs. ``load_names``
    gives the names to add to the terms (from the database); ``version``, the shared version of
    the domain's words (None: never checked, the words are loaded once).

    Reloading is safe in a process that serves one request at a time (gunicorn's sync workers):
    it holds a lock against another reload, but a thread that segments while another reloads may
    see the words half loaded.
    """

    def __init__(self, load_names=None, version=None):
        self._load_names = load_names
        self._version_of = version
        self._tokenizer = None
        self._lock = threading.Lock()
        self._run_words = lru_cache(maxsize=BLOCK_CACHE_SIZE)(self._segment_run)
        self._run_query_words = lru_cache(maxsize=BLOCK_CACHE_SIZE // 10)(self._query_run)
        self._version = None  # the shared version the words were loaded at (None: unknown)
        self._stale = False  # a change made in this process, not reloaded yet
        self._uncommitted = False  # loaded with a change that its transaction may roll back
        self._base_total = 0  # jieba's total frequency before the domain's words
        self._undo = {}  # jieba's table entries the domain's words changed: their old values

    def load(self):
        """Load the dictionary now (it is otherwise loaded at the first use)."""
        return self.tokenizer

    def warm_up(self):
        """
        Load the dictionary at a server's start, not at its first search (a second or more).
        Without a database it is loaded at the first use instead. Closes the connection it
        opened: a server that forks its workers after this must not share it.
        """
        from django.db import DatabaseError, connections

        try:
            self.load()
        except DatabaseError:
            logger.warning("Search dictionary not loaded at start: no database.", exc_info=True)
        finally:
            connections.close_all()

    @property
    def tokenizer(self):
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._build()
        return self._tokenizer

    def _build(self):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        version = self._read_version()  # before the names: a later change makes it stale
        names = self._names()
        tokenizer = jieba.Tokenizer()
        # jieba keeps its dictionary, marshalled, in the system's shared temporary folder under a
        # fixed name (jieba.cache) that another local user could plant: in the site's own.
        tokenizer.tmp_dir = settings.CACHE_DIR
        tokenizer.initialize()
        self._base_total = tokenizer.total
        self._undo = {}
        self._add(tokenizer, names)
        self._loaded(version)
        return tokenizer

    def _names(self):
        names = list(DOMAIN_TERMS)
        if self._load_names is not None:
            names.extend(self._load_names())
        return names

    def _read_version(self):
        if self._version_of is None:
            return _UNKNOWN
        try:
            return self._version_of()
        except Exception:
            logger.warning("Search dictionary's version not read: cache down", exc_info=True)
            return _UNKNOWN

    def _in_transaction(self):
        if self._load_names is None:
            return False
        from django.db import connection

        return connection.in_atomic_block

    def _loaded(self, version):
        # Words loaded inside the transaction that changed them are reloaded after it, in case
        # it was rolled back (if it committed, the new version says so anyway).
        self._uncommitted = self._in_transaction() and (self._stale or self._uncommitted)
        self._stale = False
        self._version = None if version is _UNKNOWN else version

    def _add(self, tokenizer, names):
        freq, undo = tokenizer.FREQ, self._undo
        added = False
        for name in names:
            word = normalise(name).strip()
            if len(word) < 2 or not _RUN.fullmatch(word) or freq.get(word):
                continue
            # add_word sets the word's frequency and its prefixes' (0 if unknown): remember them.
            for end in range(1, len(word) + 1):
                undo.setdefault(word[:end], freq.get(word[:end], _ABSENT))
            tokenizer.add_word(word)
            added = True
        return added

    def _restore(self, tokenizer):
        """jieba's tables as they were before the domain's words."""
        for key, value in self._undo.items():
            if value is _ABSENT:
                tokenizer.FREQ.pop(key, None)
            else:
                tokenizer.FREQ[key] = value
        tokenizer.total = self._base_total
        self._undo = {}

    def _clear_caches(self):
        self._run_words.cache_clear()
        self._run_query_words.cache_clear()

    def add_words(self, names):
        """
        Make ``names`` words now, in this process only, if the dictionary is loaded (otherwise
        they come with it): for bulk loads, which send no signals.
        """
        if self._tokenizer is None:
            return
        with self._lock:
            if self._add(self._tokenizer, names):
                self._clear_caches()

    def invalidate(self):
        """The domain's words changed in this process: reload them before segmenting again."""
        self._stale = True

    def refresh(self):
        """
        Before segmenting a query or documents: reload the domain's words if they changed since
        they were loaded, here or in another process. One read of the shared cache; if it is
        down, the words stay as they are (unless they changed in this process).
        """
        if self._tokenizer is None:
            return  # loaded at the first use, with the current words
        version = self._read_version()
        if (
            self._stale
            or (version is not _UNKNOWN and version != self._version)
            or (self._uncommitted and not self._in_transaction())
        ):
            self._reload(version)

    def _reload(self, version):
        names = self._names()  # first: if the database fails, the words stay as they are
        with self._lock:
            tokenizer = self._tokenizer
            if tokenizer is None:
                return
            self._restore(tokenizer)
            self._add(tokenizer, names)
            self._loaded(version)
            self._clear_caches()

    def _segment_run(self, run):
        tokenizer = self.tokenizer
        freq = tokenizer.FREQ
        words = []
        for word in tokenizer.cut_for_search(run, HMM=False):
            if not _is_word(word):
                continue
            if len(word) > 4:
                # Search mode adds only the two- and three-character words inside a word.
                for start in range(len(word) - 3):
                    for end in range(start + 4, len(word) + 1):
                        inner = word[start:end]
                        if inner != word and freq.get(inner):
                            words.append(inner)
            words.append(word)
        return tuple(dict.fromkeys(words))

    def _query_run(self, run):
        return tuple(
            word for word in self.tokenizer.cut_for_search(run, HMM=False) if _is_word(word)
        )

    def words(self, text):
        """The distinct words of ``text`` for the index, in order of first appearance."""
        runs = map(self._run_words, _RUN.findall(normalise(text)))
        return list(dict.fromkeys(chain.from_iterable(runs)))

    def query_words(self, text):
        """The words of a query term: jieba's search mode, as for the articles."""
        runs = map(self._run_query_words, _RUN.findall(normalise(text)))
        return list(dict.fromkeys(chain.from_iterable(runs)))

    def marks(self, text):
        """The words of ``text`` to mark in results: jieba's precise mode, whole words only."""
        words = []
        for run in _RUN.findall(normalise(text)):
            words.extend(w for w in self.tokenizer.cut(run, HMM=False) if _is_word(w))
        return list(dict.fromkeys(words))


def _domain_names():
    """Every court's names and every active contributor's name, for the dictionary."""
    from courts.models import Court

    from ..models import Contributor

    names = []
    for name, short_name, aliases in Court.objects.values_list("name", "short_name", "aliases"):
        names.extend([name, short_name, *aliases.splitlines()])
    names.extend(Contributor.objects.filter(is_active=True).values_list("name", flat=True))
    return names


segmenter = Segmenter(load_names=_domain_names, version=shared_version)
