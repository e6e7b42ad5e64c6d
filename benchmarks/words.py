"""Varied text for the benchmark: the sentences of real-style touchpoints with their nouns and
adjectives replaced by other words of the same part of speech, in the same grammatical form.

Russian is read and inflected with pymorphy3: a noun is replaced by a noun of the same gender,
animacy and declension, put into the case and number of the word it replaces; an adjective by an
adjective in the same case, number, gender and animacy. English is read with lemminflect: a noun
after a determiner or a preposition (or one that can only be a noun) by another noun in the same
number, an adjective that can only be an adjective by another one, and "a"/"an" follows the new
word.

Words the rules look for are never replaced (every word of tpkit's word lists, verbal nouns,
units after a number), so the problems of the source sentences stay in the varied ones. The
replacement words come from the lists below, widened with the dictionary's words that begin as
they do («стол» → «столик», «столешница»; "break" → "breakfast"), and from the sources."""

from __future__ import annotations

import gzip
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lemminflect
import pymorphy3
import yaml

ROOT = Path(__file__).resolve().parent.parent

RU_NOUNS = """
гость посетитель официант администратор хостес бармен повар горничная портье консьерж
носильщик охранник менеджер кассир сомелье бариста курьер водитель ребёнок семья компания
стол столик стул кресло диван скамейка вешалка гардероб зеркало окно дверь порог вход выход
холл лобби зал веранда терраса балкон коридор лестница лифт этаж номер комната спальня ванная
душ кран раковина полотенце халат тапочки подушка одеяло простыня матрас кровать шкаф тумбочка
лампа светильник люстра розетка кондиционер батарея штора жалюзи ковёр пол потолок стена
меню блюдо закуска салат суп бульон гарнир соус десерт торт пирог булочка хлеб масло сыр
омлет каша йогурт фрукт ягода яблоко апельсин лимон кофе чай какао сок морс вода лёд вино пиво
коктейль напиток бокал стакан чашка кружка блюдце тарелка вилка ложка нож салфетка скатерть
поднос кувшин чайник бутылка пробка графин солонка перечница зубочистка свеча ваза цветок
букет счёт чек папка карта купюра монета сдача терминал касса скидка бонус подарок сертификат
купон абонемент бронь бронирование заказ очередь запись звонок телефон трубка письмо сообщение
ответ вопрос просьба жалоба отзыв оценка благодарность извинение улыбка приветствие взгляд
голос имя фамилия дата время минута секунда день вечер утро ночь праздник юбилей свадьба
парковка машина автомобиль такси багаж чемодан сумка рюкзак зонт пальто куртка шарф перчатка
ключ замок сейф карточка браслет пульт телевизор экран сайт страница ссылка приложение
кухня бар буфет ресторан кафе кофейня гостиница отель хостел салон бассейн сауна спортзал
завтрак обед ужин ланч бранч перекус порция тарелочка кусочек соломинка трубочка щипцы
смена сотрудник коллега руководитель директор стажёр наставник инструкция правило таблица
журнал книга тетрадь ручка карандаш бланк анкета квитанция договор паспорт документ
улица двор крыльцо ступенька табличка вывеска указатель стрелка витрина прилавок стойка
витамин аллергия диета гарнир специя перец соль сахар мёд варенье джем орех шоколад конфета
пирожное мороженое сливки молоко кефир творог колбаса ветчина курица рыба мясо овощ гриб
картофель рис макароны паста пицца бургер сэндвич ролл шашлык стейк котлета пельмень блин
сырник оладья борщ окрошка солянка уха пирожок ватрушка кекс печенье вафля зефир мармелад
"""

RU_ADJECTIVES = """
чистый свежий горячий холодный тёплый прохладный вкусный сладкий солёный острый кислый
мягкий твёрдый лёгкий тяжёлый большой маленький новый старый длинный короткий широкий узкий
высокий низкий светлый тёмный тихий громкий яркий белый чёрный красный зелёный синий жёлтый
серый коричневый розовый деревянный стеклянный металлический бумажный кожаный шерстяной
льняной хлопковый фарфоровый керамический домашний фирменный сезонный летний зимний весенний
осенний утренний вечерний ночной дневной праздничный семейный детский взрослый мужской
женский личный общий отдельный главный основной запасной соседний ближний дальний верхний
нижний передний задний правый левый круглый квадратный ровный гладкий сухой мокрый влажный
полный пустой целый готовый простой обычный удобный уютный спокойный весёлый быстрый
медленный ранний поздний первый последний следующий прошлый ближайший рыбный мясной овощной
фруктовый ягодный молочный сырный шоколадный ореховый лимонный мятный травяной зелёный
чайный кофейный винный пивной барный кухонный ресторанный гостиничный номерной
"""

EN_NOUNS = """
guest visitor waiter server host hostess bartender chef cook housekeeper porter concierge
receptionist manager cashier sommelier barista driver child family party group couple
table chair armchair sofa bench hanger wardrobe mirror window door doorway entrance exit hall
lobby lounge terrace balcony corridor staircase lift elevator floor room bedroom bathroom
shower tap sink towel bathrobe slipper pillow blanket sheet mattress bed cupboard lamp light
socket radiator curtain blind carpet ceiling wall menu dish starter salad soup sauce dessert
cake pie bun bread butter cheese omelette porridge yoghurt fruit berry apple orange lemon
coffee tea juice water ice wine beer cocktail drink glass cup mug saucer plate fork spoon
knife napkin tablecloth tray jug kettle bottle cork carafe candle vase flower bouquet bill
receipt folder card note coin change terminal till discount voucher gift certificate coupon
booking reservation queue call phone handset letter message answer question request complaint
review rating smile greeting voice name surname date minute evening morning night holiday
birthday anniversary wedding parking car taxi luggage suitcase bag backpack umbrella coat
jacket scarf glove key lock safe wristband remote television screen website page link app
kitchen bar buffet restaurant cafe hotel hostel salon pool sauna gym breakfast lunch dinner
brunch snack portion slice straw shift colleague supervisor director trainee mentor rule
chart logbook book notebook pen pencil form passport document street yard porch step sign
signpost arrow showcase counter desk allergy diet spice pepper salt sugar honey jam nut
chocolate sweet pastry icecream cream milk sausage ham chicken fish meat vegetable mushroom
potato rice pasta pizza burger sandwich roll steak cutlet pancake waffle biscuit muffin
lemonade smoothie espresso latte cappuccino toast bacon sausage egg basket bowl pot pan
trolley cart badge uniform apron shirt tie shoe hat cap umbrella heater fan window pane
"""

EN_ADJECTIVES = """
clean fresh hot cold warm cool tasty sweet salty spicy sour soft hard light heavy big small
new old long short wide narrow high low bright dark quiet loud white black red green blue
yellow grey brown pink wooden glass metal paper leather woollen linen cotton china ceramic
homemade seasonal summer winter spring autumn morning evening night daily festive private
main spare nearby upper lower front back right left round square smooth dry wet damp full
empty whole ready simple ordinary comfortable cosy calm cheerful quick slow early late next
last previous nearest fish meat vegetable fruit berry dairy cheese chocolate nut lemon mint
herbal green tea coffee wine beer kitchen corner side inner outer silver golden plain spotless
tidy neat crisp chilled frozen iced sparkling still local regional
"""


def _listed(text: str) -> set[str]:
    return set(text.split())


EN_PEOPLE = _listed(
    """guest visitor waiter server host hostess bartender chef cook housekeeper porter concierge
    receptionist manager cashier sommelier barista driver child family party group couple
    colleague supervisor director trainee mentor agent operator attendant member doorman valet
    engineer officer caller customer shopper auditor stylist client runner busser owner"""
)

# Units and counted things: a number's noun stays, or a check's number would change meaning.
RU_UNITS = _listed(
    """минута секунда час сутки день неделя месяц год раз гудок метр сантиметр миллиметр
    километр градус процент рубль копейка грамм килограмм литр миллилитр штука
    балл звезда шаг этаж"""
)
EN_UNITS = _listed(
    """minute second hour day week month year time ring metre meter inch foot feet degree
    percent pound dollar euro penny gram kilo litre liter piece point
    star step floor"""
)

EN_DETERMINERS = _listed(
    """the a an this that these those each every your our their his her its my no any some
    all both other another one two three four five six first last next of in at on for with
    from by into without after before during per about under over"""
)

_RU_BAD_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Fixd", "Init", "Erro", "Dist"}
_RU_BAD_TAGS |= {"Slng", "Arch", "Litr", "Infr", "Vulg", "Trad", "Coun", "Inmx"}
_RU_CASES = {"gen2": "gent", "acc2": "accs", "loc2": "loct", "gen1": "gent", "loc1": "loct"}
_RU_CASE_SET = {"nomn", "gent", "datv", "accs", "ablt", "loct"}
_WORD_RE = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*|[A-Za-z]+(?:'[a-z]+)?")
_CYR_RE = re.compile(r"^[А-Яа-яЁё]+$")
_LAT_RE = re.compile(r"^[A-Za-z]+$")
_DIGIT_END_RE = re.compile(r"\d[\s\u00a0]*$")


def _words_of(value: Any) -> list[str]:
    """Every word a word list file looks for: its keys and listed words (not the replacements)."""
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _words_of(key)
            if not isinstance(item, str):
                out += _words_of(item)
    elif isinstance(value, list):
        for item in value:
            out += _words_of(item)
    elif isinstance(value, str):
        out += [w.lower() for w in _WORD_RE.findall(value)]
    return out


@dataclass(frozen=True)
class Slot:
    """A replaceable word of a source text: its class (which words may stand there) and its
    form (which form they take)."""

    original: str
    lang: str
    pos: str  # NOUN or ADJ
    group: tuple[str, ...]
    form: tuple[str, ...]
    title: bool
    after_article: bool = False  # English: the word before is "a" or "an"


Piece = str | Slot


class Vocabulary:
    """Source texts cut into fixed pieces and slots; `vary` fills the slots."""

    def __init__(self, sources: list[str] | None = None) -> None:
        self.morph = pymorphy3.MorphAnalyzer()
        self.protected: dict[str, set[str]] = {"ru": set(), "en": set()}
        for lang in ("ru", "en"):
            path = ROOT / "standards" / "lexicon" / f"{lang}.yaml"
            words = _words_of(yaml.safe_load(path.read_text(encoding="utf-8")))
            for word in words:
                self.protected[lang] |= self._lemmas(word, lang)
        self.protected["ru"] |= RU_UNITS
        self.protected["en"] |= EN_UNITS
        # replacement words: group -> list of lemmas; lemma -> form -> word
        self.groups: dict[tuple[str, ...], list[str]] = {}  # words of the trade
        self.wide: dict[tuple[str, ...], list[str]] = {}  # any words of the dictionary
        self.forms: dict[str, dict[tuple[str, ...], str]] = {}
        self._cut_cache: dict[tuple[str, str], list[Piece]] = {}
        self._ru_pool(RU_NOUNS.split(), RU_ADJECTIVES.split(), sources or [])
        self._en_pool(EN_NOUNS.split(), EN_ADJECTIVES.split(), sources or [])
        for lemmas in (*self.groups.values(), *self.wide.values()):
            lemmas.sort()

    # ---- word analysis -----------------------------------------------------------------

    def _lemmas(self, word: str, lang: str) -> set[str]:
        if lang == "ru":
            if not _CYR_RE.match(word):
                return set()
            return {p.normal_form for p in self.morph.parse(word)} | {word}
        if not _LAT_RE.match(word):
            return set()
        found = {lemma for lemmas in lemminflect.getAllLemmas(word).values() for lemma in lemmas}
        return found | {word}

    def _ru_analyse(self, word: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
        """(pos, group, form) of a Russian word that may be replaced, or None."""
        parses = self.morph.parse(word.lower())
        if not parses:
            return None
        top = parses[0]
        pos = top.tag.POS
        if pos not in ("NOUN", "ADJF"):
            return None
        if sum(p.score for p in parses if pos == p.tag.POS) < 0.9:
            return None
        if _RU_BAD_TAGS & set(top.tag.grammemes):
            return None
        if top.normal_form in self.protected["ru"]:
            return None
        if pos == "NOUN" and top.normal_form.endswith(("ние", "тие", "ция", "ство")):
            return None  # verbal nouns: chains of them are what ACC008 finds
        case = _RU_CASES.get(str(top.tag.case), str(top.tag.case))
        if case not in _RU_CASE_SET:
            return None
        number = str(top.tag.number)
        if pos == "NOUN":
            group = _ru_noun_group(top)
            if group is None:
                return None
            return "NOUN", group, (case, number)
        gender = str(top.tag.gender) if number == "sing" else ""
        anim = str(top.tag.animacy or "") if case == "accs" else ""
        return "ADJ", ("ru", "ADJ"), (case, number, gender, anim)

    def _ru_pool(self, nouns: list[str], adjectives: list[str], sources: list[str]) -> None:
        morph = self.morph
        close: list[str] = list(dict.fromkeys(nouns + adjectives))
        # words that begin with a listed one: «стол» → «столик», «столовая», «столешница»
        for seed in list(close):
            taken = 0
            for parse in morph.iter_known_word_parses(seed):
                if taken >= 8:
                    break
                if parse.word == parse.normal_form and self._ru_fit(parse.word):
                    close.append(parse.word)
                    taken += 1
        for text in sources:
            for word in _WORD_RE.findall(text):
                if _CYR_RE.match(word):
                    parse = morph.parse(word.lower())[0]
                    if parse.tag.POS in ("NOUN", "ADJF"):
                        close.append(parse.normal_form)
        # and, for breadth, the dictionary's first words on the first letters of the listed
        wide: list[str] = []
        for prefix in dict.fromkeys(seed[:3] for seed in nouns + adjectives):
            taken = 0
            for word, (_, index) in morph.dictionary.words.iteritems(prefix):
                if taken >= 24:
                    break
                if index == 0 and self._ru_fit(word):
                    wide.append(word)
                    taken += 1
        for lemmas, into in ((close, self.groups), (wide, self.wide)):
            for lemma in dict.fromkeys(lemmas):
                self._ru_add(lemma, into)

    def _ru_fit(self, word: str) -> bool:
        return 4 <= len(word) <= 14 and "-" not in word and word not in self.protected["ru"]

    def _ru_add(self, lemma: str, into: dict[tuple[str, ...], list[str]]) -> None:
        if lemma in self.protected["ru"] or lemma.endswith(("ние", "тие", "ция", "ство")):
            return
        parse = next(
            (
                p
                for p in self.morph.parse(lemma)
                if p.normal_form == lemma and p.tag.POS in ("NOUN", "ADJF")
            ),
            None,
        )
        if parse is None or _RU_BAD_TAGS & set(parse.tag.grammemes):
            return
        forms = self.forms.get(lemma)
        group: tuple[str, ...] | None = ("ru", "ADJ")
        if forms is None:
            forms = {}
            if parse.tag.POS == "NOUN":
                group = _ru_noun_group(parse)
                for form in parse.lexeme:
                    case = str(form.tag.case)
                    if case in _RU_CASE_SET:
                        forms.setdefault((case, str(form.tag.number)), form.word)
            else:
                for form in parse.lexeme:
                    if form.tag.POS != "ADJF" or str(form.tag.case) not in _RU_CASE_SET:
                        continue
                    number = str(form.tag.number)
                    case = str(form.tag.case)
                    gender = str(form.tag.gender) if number == "sing" else ""
                    anim = str(form.tag.animacy or "") if case == "accs" else ""
                    forms.setdefault((case, number, gender, anim), form.word)
                    if case == "accs" and not anim:
                        for a in ("anim", "inan"):
                            forms.setdefault((case, number, gender, a), form.word)
            if len(forms) < 6 or group is None:
                return
            self.forms[lemma] = forms
        elif parse.tag.POS == "NOUN":
            group = _ru_noun_group(parse)
        if group is not None:
            into.setdefault(group, []).append(lemma)

    # ---- English ------------------------------------------------------------------------

    def _en_pool(self, nouns: list[str], adjectives: list[str], sources: list[str]) -> None:
        close: list[str] = list(nouns)
        wide_nouns: list[str] = []
        wide_adjectives: list[str] = []
        starts = {n for n in nouns if len(n) >= 4}
        path = Path(lemminflect.__file__).parent / "resources" / "infl_lu.csv.gz"
        if path.exists():  # lemminflect's own word list
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    lemma, upos, *_ = line.rstrip("\n").split(",")
                    if not (lemma.isalpha() and lemma.islower() and 4 <= len(lemma) <= 12):
                        continue
                    if upos == "noun":
                        if any(lemma[:k] in starts for k in range(4, len(lemma))):
                            close.append(lemma)
                        else:
                            wide_nouns.append(lemma)
                    elif upos == "adj":
                        wide_adjectives.append(lemma)
        for text in sources:
            for word in _WORD_RE.findall(text):
                if _LAT_RE.match(word) and word.islower():
                    lemmas = lemminflect.getAllLemmas(word)
                    if set(lemmas) == {"NOUN"}:
                        close.append(lemmas["NOUN"][0])
        for lemmas, into in ((close, self.groups), (wide_nouns, self.wide)):
            for lemma in dict.fromkeys(lemmas):
                if lemma in self.protected["en"]:
                    continue
                plural = lemminflect.getInflection(lemma, "NNS")
                if not plural:
                    continue
                self.forms["en:" + lemma] = {("NN",): lemma, ("NNS",): plural[0]}
                into.setdefault(_en_noun_group(lemma), []).append("en:" + lemma)
        for lemmas, into in ((adjectives, self.groups), (wide_adjectives, self.wide)):
            for lemma in dict.fromkeys(lemmas):
                if lemma not in self.protected["en"]:
                    self.forms["en:" + lemma] = {("JJ",): lemma}
                    into.setdefault(("en", "ADJ"), []).append("en:" + lemma)

    def _en_slot(self, word: str, before: str) -> Slot | None:
        lower = word.lower()
        if not _LAT_RE.match(word) or word.isupper() or len(word) < 3:
            return None
        lemmas = lemminflect.getAllLemmas(lower)
        if not lemmas:
            return None
        every = {lemma for found in lemmas.values() for lemma in found} | {lower}
        if every & self.protected["en"]:
            return None
        title = word[0].isupper()
        article = before.lower() in ("a", "an")
        if "NOUN" in lemmas and (set(lemmas) == {"NOUN"} or before.lower() in EN_DETERMINERS):
            if "ADJ" in lemmas or "ADV" in lemmas:
                return None
            lemma = lemmas["NOUN"][0]
            form = ("NN",) if lemma == lower else ("NNS",)
            if form == ("NNS",) and not lower.endswith("s"):
                return None
            return Slot(word, "en", "NOUN", _en_noun_group(lemma), form, title, article)
        if set(lemmas) == {"ADJ"} and lemmas["ADJ"][0] == lower:
            return Slot(word, "en", "ADJ", ("en", "ADJ"), ("JJ",), title, article)
        return None

    # ---- cutting and varying -----------------------------------------------------------

    def cut(self, text: str, lang: str) -> list[Piece]:
        """The text as fixed pieces and slots (cached: sources are cut once)."""
        key = (text, lang)
        found = self._cut_cache.get(key)
        if found is not None:
            return found
        pieces: list[Piece] = []
        last = 0
        before = ""
        for match in _WORD_RE.finditer(text):
            word = match.group()
            slot: Slot | None = None
            after_number = bool(_DIGIT_END_RE.search(text[: match.start()]))
            joined = (
                text[match.end() : match.end() + 1] == "-"
                or text[match.start() - 1 : match.start()] == "-"
            )
            if not after_number and not joined and not word.isupper():
                if lang == "ru" and _CYR_RE.match(word) and len(word) >= 3:
                    analysis = self._ru_analyse(word)
                    if analysis is not None:
                        pos, group, form = analysis
                        if group in self.groups:
                            slot = Slot(word, "ru", pos, group, form, word[0].isupper())
                elif lang == "en":
                    slot = self._en_slot(word, before)
            if slot is not None:
                pieces.append(text[last : match.start()])
                pieces.append(slot)
                last = match.end()
            before = word
        pieces.append(text[last:])
        self._cut_cache[key] = pieces
        return pieces

    def vary(self, text: str, lang: str, rnd: random.Random, rate: float = 0.6) -> str:
        out: list[str] = []
        for piece in self.cut(text, lang):
            if isinstance(piece, str):
                out.append(piece)
                continue
            word = piece.original
            if rnd.random() < rate:
                wide = self.wide.get(piece.group)
                candidates = wide if wide and rnd.random() < 0.5 else self.groups[piece.group]
                for _ in range(4):
                    lemma = candidates[rnd.randrange(len(candidates))]
                    form = self.forms[lemma].get(piece.form)
                    if form:
                        word = form[:1].upper() + form[1:] if piece.title else form
                        break
            if piece.after_article and out:
                out[-1] = _fix_article(out[-1], word)
            out.append(word)
        return "".join(out)


def _ru_noun_group(parse: Any) -> tuple[str, ...] | None:
    tag = parse.tag
    anim = str(tag.animacy or "inan")
    if "Pltm" in tag.grammemes:
        return ("ru", "NOUN", "Pltm", anim)
    gender = str(tag.gender or "")
    if gender not in ("masc", "femn", "neut"):
        return None
    lemma = parse.normal_form
    ending = lemma[-1]
    declension = (
        "а" if ending in "ая" else "ь" if ending == "ь" else "о" if ending in "оеё" else "-"
    )
    return ("ru", "NOUN", gender, anim, declension, "Sgtm" if "Sgtm" in tag.grammemes else "")


def _en_noun_group(lemma: str) -> tuple[str, ...]:
    return ("en", "NOUN", "person" if lemma in EN_PEOPLE else "thing")


def _fix_article(piece: str, word: str) -> str:
    """'a' or 'an' at the end of piece, as the word after it needs."""
    match = re.search(r"\b(a|an|A|An)(\s+)$", piece)
    if not match:
        return piece
    article = "an" if word[:1].lower() in "aeiou" else "a"
    if match.group(1)[0].isupper():
        article = article.capitalize()
    return piece[: match.start()] + article + match.group(2)
