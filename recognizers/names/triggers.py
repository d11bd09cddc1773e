"""Context triggers: the phrases that announce a person name right after them (greetings,
labels, relation and role words, titles, sign-offs), indexed by their first word."""

from __future__ import annotations

from typing import Dict, FrozenSet, List, Tuple

from recognizers.names.fold import WORD_RE

GREETING, LABEL, ROLE, TITLE_WORD, SIGNOFF, CARE_OF, ROLE_AFTER, INTRO = (
    "greeting", "label", "role", "title", "signoff", "care_of", "role_after", "intro",
)
GREETINGS = ("hej", "hejsan", "hallå", "hello", "hi", "dear", "bästa", "kära", "käre", "tjena")
LABELS = (
    "namn", "förnamn", "efternamn", "tilltalsnamn", "fullständigt namn", "underskrift",
    "namnteckning", "namnförtydligande", "mottagare", "avsändare", "sökandens namn",
    "patientens namn", "barnets namn", "elevens namn", "ert namn", "ditt namn", "signerat av",
    "signerad av", "undertecknad", "attesterad av", "utfärdad av", "upprättad av",
    "kopia till", "deltagare", "närvarande", "kund", "person", "antecknat av", "antecknad av",
)
ROLES = (
    # relations
    "maken", "makan", "make", "maka", "hustrun", "hustru", "frun", "mannen", "sambon", "sambo",
    "sonen", "son", "dottern", "dotter", "barnet", "barnen", "modern", "mamman", "mamma",
    "barn", "barnbarn", "barnbarnet", "fadern", "pappan", "pappa", "brodern", "bror", "systern", "syster", "farfar", "farmor",
    "morfar", "mormor", "svärmor", "svärfar", "kusin", "kusinen", "grannen", "vännen",
    "pojkvännen", "flickvännen", "partnern", "föräldern", "styvfar", "styvmor", "styvpappa",
    "styvmamma", "fostermor", "fosterfar", "familjen", "släktingen",
    # parties and representatives
    "vårdnadshavare", "vårdnadshavaren", "god man", "gode man", "förvaltare", "förvaltaren",
    "ombud", "ombudet", "kontaktperson", "kontaktpersonen", "sökande", "sökanden", "klagande",
    "klaganden", "den försäkrade", "försäkrade", "den enskilde", "patient", "patienten",
    "klient", "klienten", "elev", "eleven", "brukaren", "brukare", "medsökande", "målsägande",
    "målsäganden", "den tilltalade", "tilltalade", "vittnet", "vittne", "den avlidne",
    "avlidne", "dödsbodelägare", "arbetstagaren", "den anställde", "hyresgästen",
    "personlig assistent", "assistenten",
    # officials and professionals
    "handläggare", "handläggaren", "ansvarig handläggare", "beslutsfattare", "beslutsfattaren",
    "föredragande", "föredraganden", "utredare", "utredaren", "läkare", "läkaren",
    "leg. läkare", "legitimerad läkare", "behandlande läkare", "ansvarig läkare", "överläkare",
    "överläkaren", "specialistläkare", "distriktsläkare", "st-läkare", "at-läkare",
    "tandläkare", "sjuksköterska", "sjuksköterskan", "distriktssköterska",
    "distriktssköterskan", "kurator", "kuratorn", "psykolog",
    "psykologen", "socialsekreterare", "socialsekreteraren", "barnmorska", "barnmorskan",
    "fysioterapeut", "fysioterapeuten", "arbetsterapeut", "arbetsterapeuten", "advokat",
    "advokaten", "jurist", "juristen", "rådman", "rådmannen", "domare", "domaren",
    "nämndeman", "notarie", "notarien", "åklagare", "åklagaren", "kammaråklagare",
    "kriminalinspektör", "kommissarie", "enhetschef", "enhetschefen", "sektionschef",
    "avdelningschef", "rektor", "rektorn", "mentor", "mentorn", "lärare", "läraren", "chef",
    "chefen", "kollegan", "arbetsledare", "arbetsledaren", "ordförande", "ordföranden",
    "sekreterare", "justerare", "ledamot", "ledamoten", "tolk", "tolken",
    "sekreteraren", "justeraren", "tolk", "försäkringsutredare", "försäkringsutredaren",
    "samordnare", "samordnaren", "koordinator", "koordinatorn", "rehabkoordinator",
    "rehabkoordinatorn", "handledare", "handledaren", "kontaktsjuksköterska",
    "kontaktsjuksköterskan", "vårdare", "vårdaren", "undersköterska", "undersköterskan",
    "personalen", "hemtjänstpersonalen", "guiden", "tränaren", "tränare",
    "arbetsförmedlare", "arbetsförmedlaren", "biståndshandläggare", "biståndshandläggaren",
    "familjebehandlare", "boendestödjare", "kontaktman",
    # places in a contest (tvåan Jur Kuipers, segraren Anna Ek): ordinal nouns name a person
    "ettan", "tvåan", "trean", "fyran", "femman", "sexan", "sjuan", "åttan", "nian", "tian",
    "segraren", "vinnaren",
    # birth: "Anna Berg, född 1980" (after), "Anna Berg född Svensson" (a former surname, before)
    "född",
)
TITLES = (
    "herr", "herrn", "fru", "fröken", "dr", "doktor", "docent", "professor", "prof", "mr",
    "mrs", "ms", "sir", "sheikh", "imam", "pastor", "kyrkoherde", "biskop", "kung", "kungen",
    "drottning", "drottningen", "prins", "prinsen", "prinsessan", "kronprinsessan", "president",
    "presidenten", "statsminister", "statsministern", "minister", "ministern",
    "landshövding", "landshövdingen", "generaldirektör", "generaldirektören", "kommunalrådet",
    "riksdagsledamoten", "partiledaren",
)
# a person introducing themselves or another: the name follows, in informal writing often in
# lower case ("hej jag heter nils och ...")
INTROS = ("jag heter", "han heter", "hon heter", "mitt namn är")
SIGNOFFS = (
    "med vänliga hälsningar", "vänliga hälsningar", "med vänlig hälsning", "vänlig hälsning",
    "med hälsningar", "bästa hälsningar", "varma hälsningar", "hjärtliga hälsningar",
    "många hälsningar", "hälsningar", "hälsning", "mvh", "vh", "hälsar", "kind regards",
    "best regards", "regards", "best wishes", "sincerely", "yours sincerely",
)


class Triggers:
    """Phrases that announce a person name right after them, indexed by their first word."""

    def __init__(self) -> None:
        self.by_head: Dict[str, List[Tuple[Tuple[str, ...], str]]] = {}
        self.role_words: set = set()
        for kind, phrases in (
            (GREETING, GREETINGS), (LABEL, LABELS), (ROLE, ROLES), (TITLE_WORD, TITLES),
            (SIGNOFF, SIGNOFFS), (INTRO, INTROS),
        ):
            for phrase in phrases:
                words = tuple(w.lower() for w in WORD_RE.findall(phrase))
                self.by_head.setdefault(words[0], []).append((words[1:], kind))
                if kind == ROLE and len(words) == 1:
                    self.role_words.add(words[0])
        for entries in self.by_head.values():
            entries.sort(key=lambda item: -len(item[0]))  # longest phrase first
        self.words: FrozenSet[str] = frozenset(
            w.lower()
            for group in (GREETINGS, LABELS, ROLES, TITLES, SIGNOFFS, INTROS)
            for phrase in group
            for w in WORD_RE.findall(phrase)
        )
