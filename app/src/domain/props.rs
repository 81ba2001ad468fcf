//! Property tests: every parser of this module, on arbitrary input, never
//! panics and refuses only with a field problem (its `Err` type); what it
//! accepts keeps the promises of its type. 1,000 cases each.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;

/// Any text, weighted towards what forms and spreadsheets carry: digits,
/// full-width digits, Chinese, signs, separators, control characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9０-９xX .,:+\\-/年月日号]{0,24}",
        "[\\p{Han}a-zA-Z0-9 ._\\-（）()*]{0,40}",
        "[\\x00-\\x1f\\u{3000}\\u{feff}]{0,5}[0-9]{0,20}",
    ]
}

/// A valid identity number: 17 digits with a real date of birth, and the
/// check character computed as GB 11643 says.
fn id_number() -> impl Strategy<Value = String> {
    (
        100_000u32..999_999,
        (1930i32..2010, 1u32..13, 1u32..29),
        0u32..1000,
    )
        .prop_map(|(area, (y, m, d), seq)| {
            let body = format!("{area:06}{y:04}{m:02}{d:02}{seq:03}");
            const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            const C: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
            let sum: u32 = body
                .chars()
                .zip(W)
                .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
                .sum();
            format!("{body}{}", C[(sum % 11) as usize])
        })
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' | 'a'..='z' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn names_and_texts_hold_their_bounds(raw in text(), max in 1usize..200) {
        if let Ok(u) = Username::parse(&raw) {
            let n = u.as_str().chars().count();
            prop_assert!((USERNAME_MIN..=USERNAME_MAX).contains(&n));
        }
        if let Ok(n) = DisplayName::parse(&raw) {
            prop_assert!(n.as_str().chars().count() <= DisplayName::MAX);
            prop_assert!(!n.as_str().chars().any(char::is_control));
        }
        if let Ok(n) = OrgName::parse(&raw) {
            prop_assert!((OrgName::MIN..=OrgName::MAX).contains(&n.as_str().chars().count()));
        }
        for s in [line(&raw, max), required_text(&raw, max), optional_text(&raw, max)]
            .into_iter()
            .flatten()
        {
            prop_assert!(s.chars().count() <= max);
        }
        let _ = NewPassword::parse(&raw);
        let _ = NewPassword::classes(&raw);
        let _ = Role::parse(&raw);
        let _ = OrgKind::parse(&raw);
        let _ = TraineeTitle::parse(&raw);
    }

    #[test]
    fn identity_numbers_parse_only_when_whole_and_normalise(raw in text(), id in id_number()) {
        if let Ok(parsed) = IdNumber::parse(&raw) {
            prop_assert_eq!(parsed.as_str().len(), 18);
            prop_assert!(parsed.masked().contains("**********"));
        }
        let plain = IdNumber::parse(&id).expect("a valid number");
        prop_assert_eq!(plain.as_str(), id.as_str());
        for variant in [full_width(&id), id.to_lowercase(), format!(" {} {} ", &id[..6], &id[6..])] {
            prop_assert_eq!(IdNumber::parse(&variant).map(|i| i.as_str().to_owned()), Ok(id.clone()));
        }
    }

    #[test]
    fn mobiles_parse_to_eleven_digits(raw in text(), rest in "[0-9]{10}") {
        if let Ok(m) = Mobile::parse(&raw) {
            prop_assert_eq!(m.as_str().len(), 11);
            prop_assert!(m.as_str().starts_with('1'));
        }
        let number = format!("1{rest}");
        for variant in [number.clone(), full_width(&number), format!("+86 {number}"), format!("{}-{}", &number[..3], &number[3..])] {
            prop_assert_eq!(Mobile::parse(&variant).map(|m| m.as_str().to_owned()), Ok(number.clone()));
        }
    }

    #[test]
    fn amounts_parse_back_to_the_same_fen(raw in text(), fen in 0i64..=10_000_000_000) {
        if let Ok(f) = Fen::parse_yuan(&raw) {
            prop_assert!((0..=Fen::MAX.fen()).contains(&f.fen()));
        }
        let typed = format!("{}.{:02}", fen / 100, fen % 100);
        prop_assert_eq!(Fen::parse_yuan(&typed).map(|f| f.fen()), Ok(fen));
        for h in [ClassHours::parse(&raw), ClassHours::parse_course(&raw), ClassHours::parse_programme_total(&raw)]
            .into_iter()
            .flatten()
        {
            prop_assert!(h.hours() <= MAX_PROGRAMME_HOURS);
        }
        let _ = super::number_text::unsigned(&raw);
    }

    #[test]
    fn budgets_refuse_by_field_and_accept_only_balanced_sums(
        cells in proptest::array::uniform10(text()),
        amounts in proptest::array::uniform6(0i64..1_000_000_000),
    ) {
        let c: [&str; 6] = std::array::from_fn(|i| cells[i].as_str());
        let s: [&str; 4] = std::array::from_fn(|i| cells[6 + i].as_str());
        match Budget::parse(&c, &s) {
            Ok(b) => prop_assert_eq!(b.category_total(), b.source_total()),
            Err(p) => prop_assert!(!p.fields.is_empty() || p.imbalance.is_some()),
        }
        let typed: Vec<String> = amounts.iter().map(|f| format!("{}.{:02}", f / 100, f % 100)).collect();
        let total: i64 = amounts.iter().sum();
        let sum = format!("{}.{:02}", total / 100, total % 100);
        let c: [&str; 6] = std::array::from_fn(|i| typed[i].as_str());
        prop_assert!(Budget::parse(&c, &[sum.as_str(), "", "", ""]).is_ok());
    }

    #[test]
    fn dates_times_and_slots_parse_or_name_their_field(
        a in text(), b in text(), c in text(),
        day in 0u32..36_000, minutes in 0u32..1440, year in 1990i32..2100,
    ) {
        let _ = parse_date(&a);
        let _ = parse_year(&a);
        let _ = parse_clock(&a);
        let fields = ["day", "start_time", "end_time"];
        if let Err(list) = TimeSlot::parse(&a, &b, &c) {
            prop_assert!(list.iter().all(|(f, _)| fields.contains(f)));
            prop_assert!(!list.is_empty());
        }
        if let Err(list) = parse_deadline(&a, &b) {
            prop_assert!(list.iter().all(|(f, _)| ["deadline_date", "deadline_time"].contains(f)));
        }
        if let Err(list) = PlannedDates::parse(&a, &b, year) {
            prop_assert!(list.iter().all(|(f, _)| ["start_date", "end_date"].contains(f)));
        }
        let d = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(u64::from(day));
        prop_assert_eq!(parse_date(&d.to_string()), Ok(d));
        let t = format!("{:02}:{:02}", minutes / 60, minutes % 60);
        prop_assert!(parse_clock(&t).is_ok());
        let planned = PlannedDates::parse(&d.to_string(), &d.to_string(), d.year());
        prop_assert!(planned.is_ok());
        prop_assert!(parse_deadline(&d.to_string(), &t).is_ok());
    }

    #[test]
    fn titles_places_and_masks_never_panic(raw in text(), post in text()) {
        let _ = level_of_title(&raw);
        let _ = level_of_title_or_post(&raw);
        let _ = trainee_level(&raw, &post);
        let _ = is_blank_mark(&raw);
        let _ = is_in_hebei(&raw);
        prop_assert_eq!(fold_width(&fold_width(&raw)), fold_width(&raw));
        let masked = mask_id(&raw);
        prop_assert!(masked.chars().count() >= 4);
        let _ = mask_phone(&raw);
        let in_text = mask_mobiles_in(&raw);
        prop_assert_eq!(in_text.chars().count(), raw.chars().count());
    }
}

#[test]
fn a_level_named_by_the_form_is_read_back_by_the_import() {
    for level in TraineeTitle::ALL {
        for name in title_examples(*level) {
            assert_eq!(level_of_title(name), Some(*level), "{name}");
        }
    }
}
