"""Subjects of the Russian Federation (ISO 3166-2:RU), the region a learner names once in their profile."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    """One subject of the Russian Federation."""

    code: str  # ISO 3166-2 code, e.g. "RU-MOW"
    name_ru: str  # short official form from article 65 of the Constitution of the Russian Federation
    name_en: str  # common English form


def _sort_key(name: str) -> str:
    """Collation key for a <select>: case-insensitive, with Ё ordered as Е (as in Russian dictionaries)."""
    return name.casefold().replace("ё", "е")


def _is_russian(language: str) -> bool:
    return language.lower().replace("_", "-").split("-")[0] == "ru"


# The 83 codes of ISO 3166-2:RU (as listed by pycountry), sorted by _sort_key(name_ru).
# Russian names follow article 65 of the Constitution. A parenthetical that only repeats the name is dropped
# ("Республика Адыгея (Адыгея)" -> "Республика Адыгея"); one that adds another name is kept ("(Якутия)");
# the dash forms are written with an em dash ("Чувашская Республика — Чувашия").
REGIONS: tuple[Region, ...] = (
    Region("RU-ALT", "Алтайский край", "Altai Krai"),
    Region("RU-AMU", "Амурская область", "Amur Oblast"),
    Region("RU-ARK", "Архангельская область", "Arkhangelsk Oblast"),
    Region("RU-AST", "Астраханская область", "Astrakhan Oblast"),
    Region("RU-BEL", "Белгородская область", "Belgorod Oblast"),
    Region("RU-BRY", "Брянская область", "Bryansk Oblast"),
    Region("RU-VLA", "Владимирская область", "Vladimir Oblast"),
    Region("RU-VGG", "Волгоградская область", "Volgograd Oblast"),
    Region("RU-VLG", "Вологодская область", "Vologda Oblast"),
    Region("RU-VOR", "Воронежская область", "Voronezh Oblast"),
    Region("RU-YEV", "Еврейская автономная область", "Jewish Autonomous Oblast"),
    Region("RU-ZAB", "Забайкальский край", "Zabaykalsky Krai"),
    Region("RU-IVA", "Ивановская область", "Ivanovo Oblast"),
    Region("RU-IRK", "Иркутская область", "Irkutsk Oblast"),
    Region("RU-KB", "Кабардино-Балкарская Республика", "Kabardino-Balkarian Republic"),
    Region("RU-KGD", "Калининградская область", "Kaliningrad Oblast"),
    Region("RU-KLU", "Калужская область", "Kaluga Oblast"),
    Region("RU-KAM", "Камчатский край", "Kamchatka Krai"),
    Region("RU-KC", "Карачаево-Черкесская Республика", "Karachay-Cherkess Republic"),
    Region("RU-KEM", "Кемеровская область — Кузбасс", "Kemerovo Oblast — Kuzbass"),
    Region("RU-KIR", "Кировская область", "Kirov Oblast"),
    Region("RU-KOS", "Костромская область", "Kostroma Oblast"),
    Region("RU-KDA", "Краснодарский край", "Krasnodar Krai"),
    Region("RU-KYA", "Красноярский край", "Krasnoyarsk Krai"),
    Region("RU-KGN", "Курганская область", "Kurgan Oblast"),
    Region("RU-KRS", "Курская область", "Kursk Oblast"),
    Region("RU-LEN", "Ленинградская область", "Leningrad Oblast"),
    Region("RU-LIP", "Липецкая область", "Lipetsk Oblast"),
    Region("RU-MAG", "Магаданская область", "Magadan Oblast"),
    Region("RU-MOW", "Москва", "Moscow"),
    Region("RU-MOS", "Московская область", "Moscow Oblast"),
    Region("RU-MUR", "Мурманская область", "Murmansk Oblast"),
    Region("RU-NEN", "Ненецкий автономный округ", "Nenets Autonomous Okrug"),
    Region("RU-NIZ", "Нижегородская область", "Nizhny Novgorod Oblast"),
    Region("RU-NGR", "Новгородская область", "Novgorod Oblast"),
    Region("RU-NVS", "Новосибирская область", "Novosibirsk Oblast"),
    Region("RU-OMS", "Омская область", "Omsk Oblast"),
    Region("RU-ORE", "Оренбургская область", "Orenburg Oblast"),
    Region("RU-ORL", "Орловская область", "Oryol Oblast"),
    Region("RU-PNZ", "Пензенская область", "Penza Oblast"),
    Region("RU-PER", "Пермский край", "Perm Krai"),
    Region("RU-PRI", "Приморский край", "Primorsky Krai"),
    Region("RU-PSK", "Псковская область", "Pskov Oblast"),
    Region("RU-AD", "Республика Адыгея", "Republic of Adygea"),
    Region("RU-AL", "Республика Алтай", "Altai Republic"),
    Region("RU-BA", "Республика Башкортостан", "Republic of Bashkortostan"),
    Region("RU-BU", "Республика Бурятия", "Republic of Buryatia"),
    Region("RU-DA", "Республика Дагестан", "Republic of Dagestan"),
    Region("RU-IN", "Республика Ингушетия", "Republic of Ingushetia"),
    Region("RU-KL", "Республика Калмыкия", "Republic of Kalmykia"),
    Region("RU-KR", "Республика Карелия", "Republic of Karelia"),
    Region("RU-KO", "Республика Коми", "Komi Republic"),
    Region("RU-ME", "Республика Марий Эл", "Mari El Republic"),
    Region("RU-MO", "Республика Мордовия", "Republic of Mordovia"),
    Region("RU-SA", "Республика Саха (Якутия)", "Sakha (Yakutia) Republic"),
    Region("RU-SE", "Республика Северная Осетия — Алания", "Republic of North Ossetia — Alania"),
    Region("RU-TA", "Республика Татарстан", "Republic of Tatarstan"),
    Region("RU-TY", "Республика Тыва", "Tuva Republic"),
    Region("RU-KK", "Республика Хакасия", "Republic of Khakassia"),
    Region("RU-ROS", "Ростовская область", "Rostov Oblast"),
    Region("RU-RYA", "Рязанская область", "Ryazan Oblast"),
    Region("RU-SAM", "Самарская область", "Samara Oblast"),
    Region("RU-SPE", "Санкт-Петербург", "Saint Petersburg"),
    Region("RU-SAR", "Саратовская область", "Saratov Oblast"),
    Region("RU-SAK", "Сахалинская область", "Sakhalin Oblast"),
    Region("RU-SVE", "Свердловская область", "Sverdlovsk Oblast"),
    Region("RU-SMO", "Смоленская область", "Smolensk Oblast"),
    Region("RU-STA", "Ставропольский край", "Stavropol Krai"),
    Region("RU-TAM", "Тамбовская область", "Tambov Oblast"),
    Region("RU-TVE", "Тверская область", "Tver Oblast"),
    Region("RU-TOM", "Томская область", "Tomsk Oblast"),
    Region("RU-TUL", "Тульская область", "Tula Oblast"),
    Region("RU-TYU", "Тюменская область", "Tyumen Oblast"),
    Region("RU-UD", "Удмуртская Республика", "Udmurt Republic"),
    Region("RU-ULY", "Ульяновская область", "Ulyanovsk Oblast"),
    Region("RU-KHA", "Хабаровский край", "Khabarovsk Krai"),
    Region("RU-KHM", "Ханты-Мансийский автономный округ — Югра", "Khanty-Mansi Autonomous Okrug — Yugra"),
    Region("RU-CHE", "Челябинская область", "Chelyabinsk Oblast"),
    Region("RU-CE", "Чеченская Республика", "Chechen Republic"),
    Region("RU-CU", "Чувашская Республика — Чувашия", "Chuvash Republic — Chuvashia"),
    Region("RU-CHU", "Чукотский автономный округ", "Chukotka Autonomous Okrug"),
    Region("RU-YAN", "Ямало-Ненецкий автономный округ", "Yamalo-Nenets Autonomous Okrug"),
    Region("RU-YAR", "Ярославская область", "Yaroslavl Oblast"),
)

BY_CODE: dict[str, Region] = {region.code: region for region in REGIONS}


def get_region(code: str) -> Region | None:
    """Return the region with this ISO 3166-2 code ("RU-MOW"), or None."""
    return BY_CODE.get(code)


def region_choices(language: str = "ru") -> list[tuple[str, str]]:
    """Return (code, name) pairs for a <select>, sorted by name: Russian for "ru" (the default), English otherwise."""
    if _is_russian(language):
        pairs = [(region.code, region.name_ru) for region in REGIONS]
    else:
        pairs = [(region.code, region.name_en) for region in REGIONS]
    return sorted(pairs, key=lambda pair: _sort_key(pair[1]))


def region_name(code: str, language: str = "ru") -> str:
    """Return the region's name in Russian for "ru" (the default), English otherwise; "" for an unknown code."""
    region = BY_CODE.get(code)
    if region is None:
        return ""
    return region.name_ru if _is_russian(language) else region.name_en
