//! The pipeline a story moves through, and who may move it.
//!
//! nominated → invited → interviewing → answered → drafted → awaiting approval
//! (↔ changes requested) → approved → queued → published; opted out at any point
//! before publication, by the hero only. A hero who approves a text they reworded after
//! the admins sent it (edit awaiting review) waits for the admins to accept the edit
//! (→ approved, the text exactly as the hero approved it) or send it back with a note
//! (→ awaiting approval): the hero consents to the exact text, the admins review it. No one can drop a story: every hero who
//! approves gets published, first approved, first out.

use std::fmt;

/// Where a story is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Nominated,
    Invited,
    Interviewing,
    Answered,
    Drafted,
    AwaitingApproval,
    ChangesRequested,
    /// The hero approved a text they reworded after the admins' review; the admins
    /// check the change before it is queued.
    EditAwaitingReview,
    Approved,
    Queued,
    Published,
    OptedOut,
}

impl Stage {
    pub const ALL: [Stage; 12] = [
        Stage::Nominated,
        Stage::Invited,
        Stage::Interviewing,
        Stage::Answered,
        Stage::Drafted,
        Stage::AwaitingApproval,
        Stage::ChangesRequested,
        Stage::EditAwaitingReview,
        Stage::Approved,
        Stage::Queued,
        Stage::Published,
        Stage::OptedOut,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Nominated => "nominated",
            Stage::Invited => "invited",
            Stage::Interviewing => "interviewing",
            Stage::Answered => "answered",
            Stage::Drafted => "drafted",
            Stage::AwaitingApproval => "awaiting_approval",
            Stage::ChangesRequested => "changes_requested",
            Stage::EditAwaitingReview => "edit_awaiting_review",
            Stage::Approved => "approved",
            Stage::Queued => "queued",
            Stage::Published => "published",
            Stage::OptedOut => "opted_out",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// A story that is still on its way (not published, not opted out).
    pub fn is_open(self) -> bool {
        !matches!(self, Stage::Published | Stage::OptedOut)
    }

    /// Who the story waits on, in words, for status views.
    pub fn waiting_on(self) -> &'static str {
        match self {
            Stage::Nominated | Stage::Invited => "the hero (to start the interview)",
            Stage::Interviewing => "the hero (to answer)",
            Stage::Answered | Stage::Drafted => "an admin (to review the draft)",
            Stage::AwaitingApproval => "the hero (to approve the story)",
            Stage::ChangesRequested => "an admin (the hero asked for changes)",
            Stage::EditAwaitingReview => "an admin (to review the changes the hero made)",
            Stage::Approved | Stage::Queued => "the schedule (to be posted)",
            Stage::Published | Stage::OptedOut => "nobody",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stage::EditAwaitingReview => f.write_str("edited, awaiting review"),
            _ => f.write_str(&self.as_str().replace('_', " ")),
        }
    }
}

/// Who is acting on a story. A person may be both the hero and an admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// A person, with their relation to this story.
    Person { is_hero: bool, is_admin: bool },
    /// Spotlight itself: the interview finishing, the scheduler posting.
    System,
}

impl Actor {
    fn is_hero(self) -> bool {
        matches!(self, Actor::Person { is_hero: true, .. })
    }
    fn is_admin(self) -> bool {
        matches!(self, Actor::Person { is_admin: true, .. })
    }
}

/// Something that moves a story along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Send the hero the invitation (right after nomination).
    Invite,
    /// The hero starts (or resumes) the interview.
    StartInterview,
    /// The hero declines the invitation: an opt-out.
    Decline,
    /// The interview is over.
    FinishInterview,
    /// The composer produced the first draft.
    Draft,
    /// An admin picks quotes or proposes a headline.
    Revise,
    /// An admin sends the draft to the hero for approval.
    SendForApproval,
    /// The hero changes the words of one of their quotes or the headline.
    HeroEdit,
    /// The hero asks the admins for changes.
    RequestChanges,
    /// The hero approves the exact text, as the admins sent it.
    HeroApprove,
    /// The hero approves the exact text, reworded by them after the admins sent it: the
    /// admins review the change first.
    HeroApproveEdited,
    /// An admin accepts the hero's edit: the story is approved as the hero approved it.
    AcceptEdit,
    /// An admin sends the hero's edit back, with a note, for the hero to look at again.
    ReturnEdit,
    /// The approved story enters the publishing queue.
    Queue,
    /// The story was posted to all its destinations.
    Publish,
    /// The hero withdraws.
    OptOut,
    /// Someone tries to remove a story from the pipeline.
    Drop,
}

/// Why a move was refused; the text is shown to the person who tried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PipelineError {
    #[error("only the hero of this story can {0}")]
    OnlyHero(&'static str),
    #[error("only a Spotlight admin can {0}; ask an admin, or suggest a colleague with `/spotlight suggest @name`")]
    OnlyAdmin(&'static str),
    #[error("stories can't be dropped: every hero who approves their story gets published, in turn. Only the hero can opt out")]
    NoDropping,
    #[error("this story is {stage}, so it can't {what} now")]
    WrongStage { stage: Stage, what: &'static str },
}

/// The stage after `action`, or why `actor` may not take it from `stage`.
pub fn transition(stage: Stage, action: Action, actor: Actor) -> Result<Stage, PipelineError> {
    use Action as A;
    use Stage as S;
    let system = actor == Actor::System;
    let need_hero = |what| {
        if actor.is_hero() {
            Ok(())
        } else {
            Err(PipelineError::OnlyHero(what))
        }
    };
    let need_admin = |what| {
        if actor.is_admin() || system {
            Ok(())
        } else {
            Err(PipelineError::OnlyAdmin(what))
        }
    };
    let need_system = |what| {
        if system {
            Ok(())
        } else {
            Err(PipelineError::WrongStage { stage, what })
        }
    };
    let wrong = |what| Err(PipelineError::WrongStage { stage, what });

    match action {
        A::Drop => Err(PipelineError::NoDropping),
        A::OptOut | A::Decline => {
            need_hero("opt out of it")?;
            if stage.is_open() {
                Ok(S::OptedOut)
            } else {
                wrong("be withdrawn")
            }
        }
        A::Invite => {
            need_admin("nominate someone")?;
            match stage {
                S::Nominated => Ok(S::Invited),
                _ => wrong("be invited again"),
            }
        }
        A::StartInterview => {
            need_hero("answer this interview")?;
            match stage {
                S::Invited | S::Interviewing => Ok(S::Interviewing),
                _ => wrong("start an interview"),
            }
        }
        A::FinishInterview => {
            need_system("finish the interview")?;
            match stage {
                S::Interviewing => Ok(S::Answered),
                _ => wrong("finish the interview"),
            }
        }
        A::Draft => {
            need_system("be drafted")?;
            match stage {
                S::Answered => Ok(S::Drafted),
                _ => wrong("be drafted"),
            }
        }
        A::Revise => {
            need_admin("review drafts")?;
            match stage {
                S::Drafted | S::ChangesRequested => Ok(stage),
                S::AwaitingApproval => wrong("be revised while the hero is reviewing it"),
                _ => wrong("be revised"),
            }
        }
        A::SendForApproval => {
            need_admin("approve drafts")?;
            match stage {
                S::Drafted | S::ChangesRequested => Ok(S::AwaitingApproval),
                _ => wrong("be sent to the hero"),
            }
        }
        A::HeroEdit => {
            need_hero("change the words of their story")?;
            match stage {
                S::AwaitingApproval => Ok(S::AwaitingApproval),
                _ => wrong("be edited"),
            }
        }
        A::RequestChanges => {
            need_hero("ask for changes")?;
            match stage {
                S::AwaitingApproval => Ok(S::ChangesRequested),
                _ => wrong("take a change request"),
            }
        }
        A::HeroApprove => {
            need_hero("approve their story")?;
            match stage {
                S::AwaitingApproval => Ok(S::Approved),
                _ => wrong("be approved"),
            }
        }
        A::HeroApproveEdited => {
            need_hero("approve their story")?;
            match stage {
                S::AwaitingApproval => Ok(S::EditAwaitingReview),
                _ => wrong("be approved"),
            }
        }
        A::AcceptEdit | A::ReturnEdit => {
            need_admin("review a hero's edit")?;
            match (stage, action) {
                (S::EditAwaitingReview, A::AcceptEdit) => Ok(S::Approved),
                (S::EditAwaitingReview, _) => Ok(S::AwaitingApproval),
                _ => wrong("have an edit reviewed"),
            }
        }
        A::Queue => {
            need_system("be queued")?;
            match stage {
                S::Approved => Ok(S::Queued),
                _ => wrong("be queued"),
            }
        }
        A::Publish => {
            need_system("be published")?;
            match stage {
                S::Queued => Ok(S::Published),
                _ => wrong("be published"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERO: Actor = Actor::Person {
        is_hero: true,
        is_admin: false,
    };
    const ADMIN: Actor = Actor::Person {
        is_hero: false,
        is_admin: true,
    };
    const STRANGER: Actor = Actor::Person {
        is_hero: false,
        is_admin: false,
    };

    #[test]
    fn the_happy_path_runs_from_nomination_to_publication() {
        let steps = [
            (Action::Invite, ADMIN, Stage::Invited),
            (Action::StartInterview, HERO, Stage::Interviewing),
            (Action::FinishInterview, Actor::System, Stage::Answered),
            (Action::Draft, Actor::System, Stage::Drafted),
            (Action::Revise, ADMIN, Stage::Drafted),
            (Action::SendForApproval, ADMIN, Stage::AwaitingApproval),
            (Action::RequestChanges, HERO, Stage::ChangesRequested),
            (Action::SendForApproval, ADMIN, Stage::AwaitingApproval),
            (Action::HeroEdit, HERO, Stage::AwaitingApproval),
            (Action::HeroApprove, HERO, Stage::Approved),
            (Action::Queue, Actor::System, Stage::Queued),
            (Action::Publish, Actor::System, Stage::Published),
        ];
        let mut stage = Stage::Nominated;
        for (action, actor, expected) in steps {
            stage = transition(stage, action, actor).unwrap();
            assert_eq!(stage, expected, "{action:?}");
        }
    }

    #[test]
    fn only_the_hero_may_opt_out_and_only_before_publication() {
        for stage in Stage::ALL {
            let by_hero = transition(stage, Action::OptOut, HERO);
            if stage.is_open() {
                assert_eq!(by_hero, Ok(Stage::OptedOut), "{stage:?}");
            } else {
                assert!(by_hero.is_err(), "{stage:?}");
            }
            assert_eq!(
                transition(stage, Action::OptOut, ADMIN),
                Err(PipelineError::OnlyHero("opt out of it"))
            );
            assert!(transition(stage, Action::OptOut, STRANGER).is_err());
        }
    }

    #[test]
    fn nobody_can_drop_a_story_at_any_stage() {
        let admin_hero = Actor::Person {
            is_hero: true,
            is_admin: true,
        };
        for stage in Stage::ALL {
            for actor in [HERO, ADMIN, STRANGER, admin_hero, Actor::System] {
                assert_eq!(
                    transition(stage, Action::Drop, actor),
                    Err(PipelineError::NoDropping)
                );
            }
        }
    }

    #[test]
    fn only_the_hero_approves_edits_or_requests_changes() {
        for action in [
            Action::HeroApprove,
            Action::HeroApproveEdited,
            Action::HeroEdit,
            Action::RequestChanges,
        ] {
            assert!(matches!(
                transition(Stage::AwaitingApproval, action, ADMIN),
                Err(PipelineError::OnlyHero(_))
            ));
            assert!(matches!(
                transition(Stage::AwaitingApproval, action, STRANGER),
                Err(PipelineError::OnlyHero(_))
            ));
            assert!(transition(Stage::AwaitingApproval, action, HERO).is_ok());
        }
    }

    #[test]
    fn an_edit_after_review_waits_for_an_admin_who_accepts_it_or_sends_it_back() {
        let edited = transition(Stage::AwaitingApproval, Action::HeroApproveEdited, HERO);
        assert_eq!(edited, Ok(Stage::EditAwaitingReview));
        for action in [Action::AcceptEdit, Action::ReturnEdit] {
            for actor in [HERO, STRANGER] {
                assert!(matches!(
                    transition(Stage::EditAwaitingReview, action, actor),
                    Err(PipelineError::OnlyAdmin(_))
                ));
            }
            // Nothing else is an edit to review.
            for stage in Stage::ALL {
                if stage != Stage::EditAwaitingReview {
                    assert!(transition(stage, action, ADMIN).is_err(), "{stage:?}");
                }
            }
        }
        assert_eq!(
            transition(Stage::EditAwaitingReview, Action::AcceptEdit, ADMIN),
            Ok(Stage::Approved)
        );
        assert_eq!(
            transition(Stage::EditAwaitingReview, Action::ReturnEdit, ADMIN),
            Ok(Stage::AwaitingApproval)
        );
        // While the admins look, the hero can neither approve again nor reword.
        for action in [
            Action::HeroApprove,
            Action::HeroApproveEdited,
            Action::HeroEdit,
        ] {
            assert!(transition(Stage::EditAwaitingReview, action, HERO).is_err());
        }
        assert_eq!(
            transition(Stage::EditAwaitingReview, Action::OptOut, HERO),
            Ok(Stage::OptedOut)
        );
    }

    #[test]
    fn only_admins_nominate_review_and_send_for_approval() {
        assert!(matches!(
            transition(Stage::Nominated, Action::Invite, STRANGER),
            Err(PipelineError::OnlyAdmin(_))
        ));
        assert!(matches!(
            transition(Stage::Drafted, Action::Revise, HERO),
            Err(PipelineError::OnlyAdmin(_))
        ));
        assert!(matches!(
            transition(Stage::Drafted, Action::SendForApproval, HERO),
            Err(PipelineError::OnlyAdmin(_))
        ));
    }

    #[test]
    fn admins_cannot_revise_while_the_hero_reviews_or_after_approval() {
        for stage in [
            Stage::AwaitingApproval,
            Stage::Approved,
            Stage::Queued,
            Stage::Published,
        ] {
            assert!(matches!(
                transition(stage, Action::Revise, ADMIN),
                Err(PipelineError::WrongStage { .. })
            ));
        }
    }

    #[test]
    fn a_story_cannot_be_approved_before_the_hero_sees_it() {
        for stage in [Stage::Interviewing, Stage::Drafted, Stage::ChangesRequested] {
            assert!(
                transition(stage, Action::HeroApprove, HERO).is_err(),
                "{stage:?}"
            );
        }
    }

    #[test]
    fn people_cannot_fake_system_steps() {
        for action in [
            Action::FinishInterview,
            Action::Draft,
            Action::Queue,
            Action::Publish,
        ] {
            for stage in Stage::ALL {
                assert!(transition(stage, action, ADMIN).is_err());
            }
        }
    }

    #[test]
    fn stages_round_trip_through_their_stored_names() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        }
    }
}
