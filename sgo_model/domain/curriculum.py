"""Educational areas of ФГОС ДО (образовательные области)."""

from __future__ import annotations

import enum

from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import fold


class EducationalArea(enum.Enum):
    """Образовательная область ФГОС ДО."""

    SOCIAL = "social"
    COGNITIVE = "cognitive"
    SPEECH = "speech"
    ARTISTIC = "artistic"
    PHYSICAL = "physical"

    @property
    def label(self) -> str:
        """The Russian name, as in forms."""
        return _LABELS[self]

    @property
    def short(self) -> str:
        """The name without «развитие», capitalised, as a chart's axis shows it."""
        name = self.label.removesuffix(" развитие")
        return name[:1].upper() + name[1:]

    @property
    def in_area(self) -> str:
        """«в речевом развитии» (the prepositional case, with its preposition)."""
        return _IN_AREA[self]

    @classmethod
    def parse(cls, text: str) -> EducationalArea:
        """Read an area from its code, Russian name, or the name without «развитие»."""
        key = fold(text)
        for area in cls:
            label = fold(area.label)
            if key in (area.value, label, label.removesuffix(" развитие")):
                return area
        allowed = "; ".join(a.label for a in cls)
        raise DomainError(f"Неизвестная образовательная область «{text}». Допустимо: {allowed}")


_LABELS = {
    EducationalArea.SOCIAL: "социально-коммуникативное развитие",
    EducationalArea.COGNITIVE: "познавательное развитие",
    EducationalArea.SPEECH: "речевое развитие",
    EducationalArea.ARTISTIC: "художественно-эстетическое развитие",
    EducationalArea.PHYSICAL: "физическое развитие",
}

_IN_AREA = {
    EducationalArea.SOCIAL: "в социально-коммуникативном развитии",
    EducationalArea.COGNITIVE: "в познавательном развитии",
    EducationalArea.SPEECH: "в речевом развитии",
    EducationalArea.ARTISTIC: "в художественно-эстетическом развитии",
    EducationalArea.PHYSICAL: "в физическом развитии",
}
