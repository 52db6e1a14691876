//! Issue 17's time-zone story: a Berlin team's hours follow the clocks, so the wait counted on
//! the last Friday of summer time is the wait the team really let pass.

use crate::common::fixtures;
use realboss::model::*;
use realboss::ranking::Ranker;
use realboss::{Policy, Request};
use time::Duration;
use time::macros::datetime;

type Result<T = ()> = std::result::Result<T, realboss::Error>;

fn ranker_with_clock(clock: &str) -> Result<Ranker> {
    Ok(Ranker::new(Policy::from_json(&format!(
        r#"{{"business_hours": {{{clock}, "weekly": {{"mon": ["09:00-17:00"], "tue": ["09:00-17:00"],
            "wed": ["09:00-17:00"], "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]}}}}}}"#
    ))?))
}

#[test]
fn story_a_berlin_team_counts_the_wait_in_the_hours_its_clocks_show() -> Result {
    let customer = fixtures::customer("cus-berlin", Tier::Standard, 120.0)?;
    let request = Request::builder(
        RequestId::new("req-parcel")?,
        customer,
        Channel::Email,
        datetime!(2026-10-23 14:30 UTC),
    )
    .text("Could you tell me where my parcel is?")
    .build()?;
    let now = datetime!(2026-10-23 16:30 UTC);
    let waited = |clock: &str| -> Result<Duration> {
        let ranker = ranker_with_clock(clock)?;
        let ranking = ranker.rank(std::slice::from_ref(&request), now);
        Ok(ranking.ranked()[0].assessment.waited)
    };
    // Default off_hours_wait 0.5: 30 minutes open + half of 90 minutes closed on summer time.
    let in_zone = waited(r#""time_zone": "Europe/Berlin""#)?;
    assert_eq!(in_zone, Duration::minutes(75));
    assert_eq!(waited(r#""utc_offset": "+02:00""#)?, in_zone);
    // The winter offset, wrong that day, counts 90 minutes open + half of 30: 1h45m.
    assert_eq!(waited(r#""utc_offset": "+01:00""#)?, Duration::minutes(105));
    Ok(())
}
