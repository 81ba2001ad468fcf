use leptos::prelude::*;

use crate::i18n::{t, use_locale, Locale, Text};

/// The submit button of a consequential step, behind a question. The first
/// press opens the question, the second ("确认…") sends the form. A native
/// disclosure, so it asks the same with JavaScript off; nothing is sent
/// until the second press.
#[component]
pub fn ConfirmSubmit<L: Text, Q: Text>(
    /// The step, as its first button says it ("删除", "报送备案").
    label: L,
    /// What the step does that cannot be undone.
    question: Q,
    /// Whom or what it acts on, named in the question and both buttons'
    /// accessible names (a row's trainee, a course's title).
    #[prop(optional, into)]
    subject: String,
    /// A link-like first button, for rows of a table.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let locale = use_locale();
    let subject_q = subject.clone();
    let subject_b = subject.clone();
    let question = move || match (subject_q.is_empty(), locale.get()) {
        (true, l) => question.text(l).to_owned(),
        (false, Locale::Zh) => format!("{}（{subject_q}）", question.text(Locale::Zh)),
        (false, Locale::En) => format!("{} ({subject_q})", question.text(Locale::En)),
    };
    let confirm = move || confirm_text(label, &subject_b, locale.get());
    let (details_class, summary_class) = if inline {
        ("confirm inline", "link")
    } else {
        ("confirm", "button")
    };
    view! {
        // Pressing Enter in a field submits through a form's first submit
        // button; this disabled one comes first, so Enter cannot skip the
        // question.
        <button type="submit" disabled hidden aria-hidden="true" tabindex="-1"></button>
        <details class=details_class>
            <summary class=summary_class>{t(label)}</summary>
            <div class="confirm-box">
                <p>{question}</p>
                <button type="submit" class="primary">{confirm}</button>
            </div>
        </details>
    }
}

/// "确认删除" / "Yes, remove", with the subject when there is one.
fn confirm_text(label: impl Text, subject: &str, l: Locale) -> String {
    let step = label.text(l);
    match (l, subject.is_empty()) {
        (Locale::Zh, true) => format!("确认{step}"),
        (Locale::Zh, false) => format!("确认{step}：{subject}"),
        (Locale::En, true) => format!("Yes, {}", step.to_lowercase()),
        (Locale::En, false) => format!("Yes, {}: {subject}", step.to_lowercase()),
    }
}
