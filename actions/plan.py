"""The plan: propose three tips, then walk through them one step per message."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    OFFERED_TIP,
    PLAN,
    PLAN_STEP,
    PLAN_TIP,
    TRIED,
    CoachingAction,
    answer_index,
    last_response,
    previous_action,
    remember_plan,
    safe_only,
    safety_question_pending,
    situations_said,
    slot_int,
    slot_list,
    slot_text,
    step_buttons,
    store,
)
from actions.interrupt import START_ASKED, ActionExplainQuestion, answered_any, start_questions
from coach import words
from coach.assessment import QUESTIONS_ABOUT, QUESTIONS_START, questions_request
from coach.offers import agreed_to
from coach.plan import Profile, Swap, quickest, score, swap
from coach.plan import propose as plan_for
from coach.progress import Move, Position, backward, forward
from coach.reflection import join_names, known
from coach.store.queries import TipView


def profile(tracker: Tracker, topic: str | None = None) -> Profile:
    """What the coach knows about the person, from the slots."""
    return Profile(
        cause=slot_text(tracker, "cause"),
        partner_open=slot_text(tracker, "partner_open"),
        pulled_away=slot_text(tracker, "pulled_away"),
        tried=frozenset(slot_list(tracker, TRIED)),
        safe_only=safe_only(tracker),
        topic=topic,
        situations=tuple(known(situations_said(tracker))),
        duration=slot_text(tracker, "duration"),
    )


def candidates(who: Profile, also_exclude: list[str] | None = None) -> list[TipView]:
    """Tips worth ranking for this person (an indexed, bounded query)."""
    return store().plan_candidates(
        cause=who.cause,
        topic=who.topic,
        safe_only=who.safe_only,
        exclude=[*who.tried, *(also_exclude or [])],
    )


def plan_text(tips: list[TipView], current: int | None = None) -> str:
    """The plan as a numbered list ("▶" marks the tip in progress)."""
    lines = []
    for i, tip in enumerate(tips):
        mark = " ▶" if current == i else ""
        lines.append(f"{i + 1}. {tip.title}{mark}: {tip.summary}")
    return "\n".join(lines)


def credits_of(tips: list[TipView]) -> str:
    """Every source of the tips, once each."""
    seen: dict[str, str] = {}
    for tip in tips:
        for source in tip.sources:
            seen.setdefault(source.slug, source.credit)
    return "; ".join(seen.values())


def show_step(dispatcher: CollectingDispatcher, tip: TipView, step: int) -> None:
    """Send one step of a tip, with the step quick replies."""
    if not tip.steps:
        dispatcher.utter_message(response="utter_tip_has_no_steps", title=tip.title)
        return
    step = min(max(step, 1), len(tip.steps))
    dispatcher.utter_message(
        response="utter_plan_step",
        step=step,
        steps=len(tip.steps),
        title=tip.title,
        step_text=tip.steps[step - 1],
        buttons=step_buttons(),
    )


def show_swap(dispatcher: CollectingDispatcher, tracker: Tracker, result: Swap) -> bool:
    """Present a swapped tip and its first step, and remember the plan (False: no tip fits)."""
    if result.pick is None:
        dispatcher.utter_message(response="utter_no_alternative")
        return False
    tip = result.pick.tip
    dispatcher.utter_message(
        response="utter_tip_swapped", title=tip.title, summary=tip.summary, credits=tip.credits
    )
    show_step(dispatcher, tip, 1)
    remember_plan(tracker, list(result.plan), result.index)
    return True


def intro_for(alone: bool, named: list[str], partner_open: str | None, answered: bool) -> str:
    """The plan's first line, true to the plan.

    "On your own" only when every tip can be done alone; the situations it answers named.
    """
    if named:
        if alone:
            return "utter_plan_intro_fit_alone"
        return "utter_plan_intro_fit_together" if partner_open == "yes" else "utter_plan_intro_fit"
    if alone:
        return "utter_plan_intro_alone"
    # Thanks only for answers actually given.
    return "utter_plan_intro" if answered else "utter_plan_intro_direct"


def propose(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Rank tips for the person, present the plan with its sources, and store it in slots."""
    who = profile(tracker)
    proposal = plan_for(candidates(who), who)
    tips = proposal.tips
    if not tips:
        dispatcher.utter_message(response="utter_no_tips")
        return []
    named = list(proposal.named)
    intro = intro_for(proposal.alone, named, who.partner_open, answered_any(tracker))
    dispatcher.utter_message(response=intro, situations=join_names(named))
    dispatcher.utter_message(
        response="utter_plan_list", plan_text=plan_text(tips), credits=credits_of(tips)
    )
    pending = safety_question_pending(tracker)
    # Asked to get going during the questions ("just give me the tips", "start"): the
    # first step follows at once instead of "shall we start?".
    start = bool(tracker.get_slot(START_ASKED)) and not pending
    if pending:
        dispatcher.utter_message(response="utter_plan_safety_pending")
    elif start:
        show_step(dispatcher, tips[0], 1)
    else:
        dispatcher.utter_message(response="utter_plan_start_question")
    remember_plan(tracker, [t.slug for t in tips], 0)
    return [
        SlotSet(PLAN, [t.slug for t in tips]),
        SlotSet(PLAN_TIP, 0),
        SlotSet(PLAN_STEP, 1 if start else 0),
        SlotSet(OFFERED_TIP, None),
        SlotSet(START_ASKED, False),
    ]


class PlanAction(CoachingAction):
    """A coaching action that works on the current plan (or proposes one if there is none)."""

    def current(self, tracker: Tracker) -> tuple[list[TipView], Position]:
        """The plan's tips (in order) and the current position."""
        slugs = slot_list(tracker, PLAN)
        tips = store().tips(slugs) if slugs else []
        pos = Position(slot_int(tracker, PLAN_TIP), slot_int(tracker, PLAN_STEP))
        if tips:
            pos = Position(min(pos.tip, len(tips) - 1), pos.step)
        return tips, pos


class ActionProposePlan(CoachingAction):
    """Proposes a personal three-tip plan from what the person shared."""

    def name(self) -> str:
        """The action's name."""
        return "action_propose_plan"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Propose the plan."""
        return propose(dispatcher, tracker)


class ActionNextStep(PlanAction):
    """Shows the next step, finishing tips and the plan along the way."""

    def name(self) -> str:
        """The action's name."""
        return "action_next_step"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Advance one step."""
        tips, pos = self.current(tracker)
        if not tips or (safe_only(tracker) and any(t.needs_safe_relationship for t in tips)):
            # No plan yet, or one made before the person said they don't feel safe (or
            # before the safety question): a plan of tips that look after them instead.
            return propose(dispatcher, tracker)
        result = forward([len(t.steps) for t in tips], pos)
        events: list[EventType] = [
            SlotSet(PLAN_TIP, result.position.tip),
            SlotSet(PLAN_STEP, result.position.step),
        ]
        if result.position.tip != pos.tip:
            remember_plan(tracker, [t.slug for t in tips], result.position.tip)
        if result.finished_tip is not None:
            done = tips[result.finished_tip]
            tried = slot_list(tracker, TRIED)
            if done.slug not in tried:
                events.append(SlotSet(TRIED, [*tried, done.slug]))
            dispatcher.utter_message(response="utter_tip_done", title=done.title)
        if result.move == Move.PLAN_DONE:
            dispatcher.utter_message(response="utter_plan_done")
            return events
        show_step(dispatcher, tips[result.position.tip], result.position.step)
        return events


class ActionGoBack(PlanAction):
    """Shows the previous step again."""

    def name(self) -> str:
        """The action's name."""
        return "action_go_back"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Go back one step."""
        tips, pos = self.current(tracker)
        if not tips:
            dispatcher.utter_message(response="utter_no_plan_yet")
            return []
        result = backward([len(t.steps) for t in tips], pos)
        if result.position.tip != pos.tip:  # the remembered plan follows (actions/session.py)
            remember_plan(tracker, [t.slug for t in tips], result.position.tip)
        if result.move == Move.AT_START:
            dispatcher.utter_message(response="utter_at_first_step")
        show_step(dispatcher, tips[result.position.tip], result.position.step)
        return [SlotSet(PLAN_TIP, result.position.tip), SlotSet(PLAN_STEP, result.position.step)]


# The actions whose answer a "why this one?" right after them is about.
JUST_ANSWERED = frozenset({"action_answer_open", "action_reflect_feelings", "action_suggest_words"})


async def answer_or_no_plan(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> list[EventType]:
    """With no plan yet, the store's answer when the message names what it asks about.

    "what do you mean by the seven breaths thing?" is answered; a bare "tell me more" gets
    the offer of a plan.
    """
    text = str(tracker.latest_message.get("text") or "")
    if text.strip() and answer_index().find(text).answer is not None:
        from actions.answers import ActionAnswerOpen  # answers.py builds on this module

        return await ActionAnswerOpen().coach(dispatcher, tracker, domain)
    dispatcher.utter_message(response="utter_no_plan_yet")
    return []


class ActionExplainWhy(PlanAction):
    """Explains why the current tip helps (or why the plan was chosen), with its source."""

    def name(self) -> str:
        """The action's name."""
        return "action_explain_why"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Explain."""
        if questions_request(str(tracker.latest_message.get("text") or "")) == QUESTIONS_ABOUT:
            # "what's the point of these questions?": about the questions, not a tip
            return await ActionExplainQuestion().run(dispatcher, tracker, domain)
        tips, pos = self.current(tracker)
        # "why this one?" right after an answer or an offered tip is about that tip.
        just = (
            tracker.get_slot("answered_tip") if previous_action(tracker) in JUST_ANSWERED else None
        )
        just = just or tracker.get_slot(OFFERED_TIP)
        answered = store().tip(just) if isinstance(just, str) else None
        if answered is not None and (not tips or pos.step == 0):
            dispatcher.utter_message(
                response="utter_tip_why", why=answered.why, credits=answered.credits
            )
            return []
        if not tips:
            return await answer_or_no_plan(dispatcher, tracker, domain)
        if pos.step == 0:
            who = profile(tracker)
            said = words.section("plan_reasons")
            lines = []
            for tip in tips:
                reasons = [said[r] for r in score(tip, who).reasons if r in said]
                why = ", and ".join(reasons[:2]) if reasons else words.text("plan_reason_default")
                lines.append(f"• {tip.title}: {why}.")
            dispatcher.utter_message(response="utter_plan_why", reasons="\n".join(lines))
            return []
        tip = tips[pos.tip]
        dispatcher.utter_message(response="utter_tip_why", why=tip.why, credits=tip.credits)
        return []


class ActionTellMore(PlanAction):
    """Says more about the current tip."""

    def name(self) -> str:
        """The action's name."""
        return "action_tell_more"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Tell more: about what was just answered, or about the plan's current tip."""
        answered = tracker.get_slot("answered_tip")
        if previous_action(tracker) == "action_answer_open" and isinstance(answered, str):
            tip = store().tip(answered)
            if tip is not None:
                dispatcher.utter_message(
                    response="utter_answer_more",
                    more=tip.more or tip.why,
                    steps="\n".join(f"- {step}" for step in tip.steps),
                )
                return []
        tips, pos = self.current(tracker)
        if not tips:
            return await answer_or_no_plan(dispatcher, tracker, domain)
        tip = tips[pos.tip]
        response = "utter_tip_more_own" if tip.own_description else "utter_tip_more"
        dispatcher.utter_message(
            response=response, more=tip.more or tip.summary, credits=tip.credits
        )
        return []


class ActionSwapTip(PlanAction):
    """Replaces the current tip with the next best one ("something else", "I tried that")."""

    def name(self) -> str:
        """The action's name."""
        return "action_swap_tip"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Swap the current tip, remembering it as tried when the person says so."""
        tips, pos = self.current(tracker)
        if not tips:
            return propose(dispatcher, tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        current = tips[pos.tip]
        events: list[EventType] = []
        tried = slot_list(tracker, TRIED)
        if intent == "already_tried" and current.slug not in tried:
            tried = [*tried, current.slug]
            events.append(SlotSet(TRIED, tried))
            dispatcher.utter_message(response="utter_noted_tried", title=current.title)
        slugs = [t.slug for t in tips]
        who = profile(tracker).having_tried(tried)
        result = swap(slugs, pos.tip, candidates(who, slugs), who)
        if not show_swap(dispatcher, tracker, result):
            return events
        return [*events, SlotSet(PLAN, list(result.plan)), SlotSet(PLAN_STEP, 1)]


class ActionShowPlan(PlanAction):
    """Shows the whole plan and where the person is in it."""

    def name(self) -> str:
        """The action's name."""
        return "action_show_plan"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Show the plan."""
        tips, pos = self.current(tracker)
        if not tips:
            dispatcher.utter_message(response="utter_no_plan_yet")
            return []
        current = pos.tip if pos.step > 0 else None
        dispatcher.utter_message(
            response="utter_plan_show",
            plan_text=plan_text(tips, current),
            credits=credits_of(tips),
        )
        return []


class ActionAddToPlan(PlanAction):
    """Adds the tip the coach just offered to the person's plan."""

    def name(self) -> str:
        """The action's name."""
        return "action_add_to_plan"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Add the offered tip (or make a plan, when nothing was offered)."""
        offered = tracker.get_slot(OFFERED_TIP)
        tip = store().tip(offered) if isinstance(offered, str) else None
        if tip is None:
            text = str(tracker.latest_message.get("text") or "")
            if (
                agreed_to(last_response(tracker), text, bool(slot_list(tracker, PLAN)))
                == "questions"
                or questions_request(text) == QUESTIONS_START
            ):
                # "may I ask a few questions first?" (a practice held back until the
                # safety question) answered with "ok, ask", or "ok you can ask now" after
                # an answer given before the questions: the questions, not a plan.
                return start_questions(dispatcher)
            if slot_list(tracker, PLAN):
                # "yes" / "start" after a plan was shown: begin it, don't show it again.
                return await ActionNextStep().coach(dispatcher, tracker, domain)
            return propose(dispatcher, tracker)
        slugs = slot_list(tracker, PLAN)
        events: list[EventType] = [SlotSet(OFFERED_TIP, None)]
        if tip.slug not in slugs:
            slugs = [*slugs, tip.slug]
            events.append(SlotSet(PLAN, slugs))
            remember_plan(tracker, slugs, slot_int(tracker, PLAN_TIP) if len(slugs) > 1 else 0)
        if len(slugs) == 1:
            events += [SlotSet(PLAN_TIP, 0), SlotSet(PLAN_STEP, 0)]
        dispatcher.utter_message(response="utter_added_to_plan", title=tip.title)
        return events


class ActionStartQuickest(PlanAction):
    """Moves to the quickest tip and shows its first step ("which takes least time?")."""

    def name(self) -> str:
        """The action's name."""
        return "action_start_quickest"

    async def coach(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Start the plan's quickest tip (or make a plan, when there is none)."""
        tips, _ = self.current(tracker)
        index = quickest(tips)
        if index is None:
            return propose(dispatcher, tracker)
        tip = tips[index]
        dispatcher.utter_message(response="utter_start_quickest", title=tip.title)
        show_step(dispatcher, tip, 1)
        remember_plan(tracker, [t.slug for t in tips], index)
        return [SlotSet(PLAN_TIP, index), SlotSet(PLAN_STEP, 1)]
