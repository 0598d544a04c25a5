"""Fill a return's holes with Hypothesis, run the values through both apps, classify the result.

Returns of the same shape (the same tree, holes compared by kind) are explored once.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from dataclasses import replace

from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import Verbosity
from hypothesis import given
from hypothesis import reject
from hypothesis import settings
from hypothesis.errors import Unsatisfiable

from parity.engine import Comparison
from parity.engine import Engine
from parity.scan.codes import fragment
from parity.scan.fill import fillable
from parity.scan.fill import filled
from parity.scan.fill import holes_untypical
from parity.scan.holes import holes_in
from parity.scan.holes import substitute
from parity.scan.stand_ins import file_name
from parity.versions import installed
from shared import model as m
from shared.bounds.limits import work_problem
from shared.judgement import Judgement
from shared.judgement import ambient
from shared.judgement import judge
from shared.outcome import Difference
from shared.probe import Probe
from shared.settings import SettingValue

DEFAULT_EXAMPLES = 25
"""Filled values tried per return shape unless `--examples` says otherwise."""
MAX_HOLES = 100
"""Holes filled in one return: each costs Hypothesis draws on every example (a list literal of
50,000 names took minutes), and a real return has a handful."""


class ScanVerdict(enum.Enum):
    """What the scan can say about one return."""

    SAME = "same"
    DIFFERS = "differs"
    CANNOT_TELL = "cannot tell"
    CONDITIONAL = "differs only if"
    """Differs for some values of a part, the same for every typical one (`parity.scan.fill`)."""


@dataclass(frozen=True)
class Exploration:
    """The verdict on one return shape and what supports it."""

    verdict: ScanVerdict
    tried: int = 0
    divergences: tuple[str, ...] = ()
    """Registry ids at work in the minimal differing example."""
    unexplained: tuple[str, ...] = ()
    """Difference sentences no registry entry explains."""
    example: str | None = None
    """The minimal differing example, as the source of a return statement."""
    outside: str | None = None
    """For CANNOT_TELL: the part outside the model, or the bound on work it passes."""
    too_much_work: bool = False
    """For CANNOT_TELL: every value asked for more work than `shared.bounds.limits` allows."""
    sample: m.ReturnValue | None = None
    """The value the verdict rests on: the minimal differing one, else the first tried."""
    differences: tuple[Difference, ...] = ()
    """How the two answers to the minimal differing value differ, beyond the ambient entries."""
    differs_with: tuple[str, ...] = ()
    """For a differing file response tried with several stand-in files: those it differs with
    (`parity.scan.stand_ins`), since the type of the user's file is not known."""


DIFFERING = frozenset({ScanVerdict.DIFFERS, ScanVerdict.CONDITIONAL})


class _Differs(Exception):
    """Raised inside the property so that Hypothesis shrinks to a minimal differing value."""


class Explorer:
    """Explores return shapes against one engine, caching each shape's exploration."""

    def __init__(
        self,
        engine: Engine,
        examples: int = DEFAULT_EXAMPLES,
        config: tuple[tuple[str, SettingValue], ...] = (),
    ) -> None:
        self.engine = engine
        self.examples = examples
        self.config = config
        """The scanned app's own settings, which every probe runs under."""
        self.versions = installed()
        # At work on every answer on this leg, in this app's settings (Quart 0.23's Vary:
        # Cookie needs a secret key): the scan names them once, not on every return.
        plain = Probe(m.Text("ok"), config=config)
        self.ambient = tuple(e.id for e in ambient(self.versions) if e.applies_to(plain))
        self._cache: dict[tuple[m.ReturnValue, str], Exploration] = {}

    def _judge(self, probe: Probe, comparison: Comparison) -> Judgement:
        c = comparison
        return judge(probe, c.flask, c.quart, c.differences, versions=self.versions)

    @property
    def shapes(self) -> int:
        """How many distinct shapes have been explored."""
        return len(self._cache)

    def explore(self, tree: m.ReturnValue, method: str) -> Exploration:
        """The verdict on a return tree for a request method, from the cache when seen."""
        holes = holes_in(tree)
        if len(holes) > MAX_HOLES:
            outside = f"{len(holes):,} computed parts, over the {MAX_HOLES} the scan fills"
            return Exploration(ScanVerdict.CANNOT_TELL, outside=outside)
        opaque = [hole for hole in holes if not fillable(hole)]
        if opaque:
            # Named per return, not per shape: each return has its own unknown part.
            hole = opaque[0]
            outside = f"`{fragment(hole.to_source())}` ({hole.kind.value}) is outside the model"
            return Exploration(
                ScanVerdict.CANNOT_TELL, outside=f"{outside}: {hole.note}" if hole.note else outside
            )
        key = (tree, method)
        if key not in self._cache:
            try:
                self._cache[key] = self._explore(tree, method)
                if self._cache[key].verdict is ScanVerdict.DIFFERS and holes_untypical(tree):
                    # Differs for some values: is it so for the ones a URL or header holds?
                    if self._explore(tree, method, True).verdict is ScanVerdict.SAME:
                        conditional = ScanVerdict.CONDITIONAL
                        self._cache[key] = replace(self._cache[key], verdict=conditional)
                if self._cache[key].verdict in DIFFERING:
                    self._cache[key] = self._by_file(tree, method, self._cache[key])
            except Exception as error:  # one odd return must not end the scan; the finding says
                problem = fragment(f"{type(error).__name__}: {error}")
                outside = f"exploring it failed ({problem})"
                self._cache[key] = Exploration(ScanVerdict.CANNOT_TELL, outside=outside)
        return self._cache[key]

    def _by_file(self, tree: m.ReturnValue, method: str, exploration: Exploration) -> Exploration:
        """A differing return with a file tried as each shipped type: the files it differs
        with, each explored alone, so that the finding does not claim it for every type."""
        holes = holes_in(tree)
        several = [index for index, hole in enumerate(holes) if len(hole.stand_ins) > 1]
        if not several:
            return exploration
        index = several[0]
        hole = holes[index]
        differing = []
        for call in hole.stand_ins:
            alone = replace(hole, stand_ins=(call,))
            only = substitute(tree, [alone if i == index else h for i, h in enumerate(holes)])
            if self._explore(only, method).verdict is ScanVerdict.DIFFERS:
                differing.append(file_name(call) or "")
        return replace(exploration, differs_with=tuple(differing))

    def _explore(self, tree: m.ReturnValue, method: str, typical: bool = False) -> Exploration:
        holes = holes_in(tree)
        tried = 0
        last: tuple[m.ReturnValue, Comparison] | None = None
        first: m.ReturnValue = tree
        too_much: str | None = work_problem(tree) if not holes else None

        @settings(
            max_examples=self.examples,
            derandomize=True,
            database=None,
            deadline=None,
            verbosity=Verbosity.quiet,
            phases=(Phase.explicit, Phase.generate, Phase.shrink),
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )
        @given(filled(tree, holes, typical))
        def differs_nowhere(value: m.ReturnValue) -> None:
            nonlocal tried, last, first, too_much
            problem = work_problem(value)
            if problem is not None:
                too_much = too_much or problem
                reject()  # a filled value the bounds refuse is not run; another is drawn
            tried += 1
            if tried == 1:
                first = value
            probe = Probe(value, method, config=self.config)
            comparison = self.engine.compare_probe(probe)
            if self._significant(probe, comparison):
                last = (value, comparison)
                raise _Differs

        if too_much is not None and not holes:
            return Exploration(ScanVerdict.CANNOT_TELL, outside=too_much, too_much_work=True)
        if not holes:
            tried = 1
            probe = Probe(tree, method, config=self.config)
            comparison = self.engine.compare_probe(probe)
            if self._significant(probe, comparison):
                last = (tree, comparison)
        else:
            try:
                differs_nowhere()
            except _Differs:
                pass
            except Unsatisfiable:
                pass  # every value drawn was over the bounds: told below
        if tried == 0 and too_much is not None:
            return Exploration(ScanVerdict.CANNOT_TELL, outside=too_much, too_much_work=True)
        if last is None:
            return Exploration(ScanVerdict.SAME, tried=tried, sample=first)
        # Hypothesis replays the minimal failing value last, so `last` is the shrunk example.
        value, comparison = last
        probe = Probe(value, method, config=self.config)
        judgement = self._judge(probe, comparison)
        return Exploration(
            ScanVerdict.DIFFERS,
            tried=tried,
            divergences=judgement.particular,
            unexplained=tuple(d.sentence for d in judgement.unexplained),
            example=m.return_statement(value),
            sample=value,
            differences=tuple(
                d
                for d, judged in zip(comparison.differences, judgement.differences, strict=True)
                if not set(judged.explained_by) & set(self.ambient)
            ),
        )

    def _significant(self, probe: Probe, comparison: Comparison) -> bool:
        """Whether the outcomes differ beyond what the ambient entries explain (those that
        show on every answer on this version leg: the scan names them once, not on every
        return)."""
        return not comparison.same and not self._judge(probe, comparison).alike
