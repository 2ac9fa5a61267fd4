"""Posts of the staff list as statistical reports group them (категории должностей)."""

from __future__ import annotations

import enum

from sgo_model.domain.text import by_meaning


class StaffCategory(enum.Enum):
    """The group of posts an employee is counted in (85-К, self-assessment)."""

    HEAD = "head"
    DEPUTY = "deputy"
    SENIOR_TEACHER = "senior_teacher"
    TEACHER = "teacher"
    MUSIC = "music"
    PE = "pe"
    SPEECH = "speech"
    DEFECTOLOGIST = "defectologist"
    PSYCHOLOGIST = "psychologist"
    EXTRA = "extra"
    OTHER_TEACHING = "other_teaching"
    ASSISTANT = "assistant"
    OTHER = "other"

    @property
    def teaching(self) -> bool:
        """Whether the post is a teaching one (педагогический работник)."""
        return self in _TEACHING

    @property
    def managing(self) -> bool:
        """Whether the post is a managing one (руководящий работник)."""
        return self in (StaffCategory.HEAD, StaffCategory.DEPUTY)

    @classmethod
    def of_post(cls, post: str) -> StaffCategory:
        """The category of a post as the staff list writes it."""
        return by_meaning(post, _MEANINGS) or cls.OTHER


_TEACHING = frozenset(
    {
        StaffCategory.SENIOR_TEACHER,
        StaffCategory.TEACHER,
        StaffCategory.MUSIC,
        StaffCategory.PE,
        StaffCategory.SPEECH,
        StaffCategory.DEFECTOLOGIST,
        StaffCategory.PSYCHOLOGIST,
        StaffCategory.EXTRA,
        StaffCategory.OTHER_TEACHING,
    }
)

# The more particular first: «заведующий хозяйством» is no head, «младший воспитатель» and
# «помощник воспитателя» are no teachers, «старший воспитатель» is one.
_MEANINGS: tuple[tuple[StaffCategory, tuple[tuple[str, ...], ...]], ...] = (
    (StaffCategory.OTHER, (("заведующ", "хозяйств"), ("заведующ", "складом"))),
    (StaffCategory.DEPUTY, (("заместител",),)),
    (StaffCategory.HEAD, (("заведующ",),)),
    (StaffCategory.ASSISTANT, (("помощник", "воспитател"), ("младш", "воспитател"))),
    (StaffCategory.SENIOR_TEACHER, (("старш", "воспитател"),)),
    (StaffCategory.TEACHER, (("воспитател",),)),
    (StaffCategory.MUSIC, (("музыкальн", "руководител"),)),
    (StaffCategory.PE, (("инструктор", "физическ"), ("инструктор", "физкульт"))),
    (StaffCategory.DEFECTOLOGIST, (("дефектолог",),)),
    (StaffCategory.SPEECH, (("логопед",),)),
    (StaffCategory.PSYCHOLOGIST, (("психолог",),)),
    (StaffCategory.EXTRA, (("дополнительн", "образован"),)),
    (
        StaffCategory.OTHER_TEACHING,
        (("методист",), ("тьютор",), ("социальн", "педагог"), ("педагог", "организатор")),
    ),
)
