use leptos::prelude::*;

/// The notices of a page with several actions: only the latest success
/// is announced (two green lines would contradict each other), a notice
/// carried in the URL by a plain-form post stands until the page's own
/// first success, and the total is a resource's key for reloading.
#[derive(Clone, Copy)]
pub struct LastDone {
    last: RwSignal<&'static str>,
    changed: Signal<u32>,
}

impl LastDone {
    /// `actions`: whether each action's latest result succeeded, with the
    /// code its notice answers to.
    pub fn new(actions: Vec<(Signal<bool>, &'static str)>) -> LastDone {
        let last = RwSignal::new("");
        let counts: Vec<ReadSignal<u32>> = actions
            .into_iter()
            .map(|(ok, code)| {
                let count = super::success_count(move || ok.get());
                Effect::new(move |_| {
                    if count.get() > 0 {
                        last.set(code);
                    }
                });
                count
            })
            .collect();
        let changed = Signal::derive(move || counts.iter().map(|c| c.get()).sum::<u32>());
        LastDone { last, changed }
    }

    /// Successes so far, of every action.
    pub fn changed(self) -> Signal<u32> {
        self.changed
    }

    /// Whether a notice named in the URL still applies.
    pub fn url(self) -> Signal<bool> {
        let changed = self.changed;
        Signal::derive(move || changed.get() == 0)
    }

    /// Whether the latest success was one of `codes`.
    pub fn said(self, codes: &'static [&'static str]) -> Signal<bool> {
        let last = self.last;
        Signal::derive(move || codes.contains(&last.get()))
    }
}
