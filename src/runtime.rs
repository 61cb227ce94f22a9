//! The event loop: input stream + action channel → `update` → spawned effects → draw.

use crate::action::{Action, RequestId};
use crate::app::App;
use crate::audit::{AuditEntry, AuditLog};
use crate::backend::{BackendEvent, BackupBackend};
use crate::effect::{self, Effect};
use crossterm::event::Event;
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::AbortHandle;

/// How often the spinner moves while something loads.
const TICK: Duration = Duration::from_millis(120);

/// Where copied text goes: the terminal (OSC 52) in the program, a buffer in tests.
pub type ClipboardSink = Box<dyn FnMut(&str) + Send>;

/// Rings the terminal bell: BEL on the terminal in the program, a counter in tests.
pub type BellSink = Box<dyn FnMut() + Send>;

/// Owns the app, the backend and the tasks running effects.
pub struct Runtime {
    app: App,
    backend: Arc<dyn BackupBackend>,
    audit: Option<AuditLog>,
    clipboard: Option<ClipboardSink>,
    bell: Option<BellSink>,
    tx: UnboundedSender<Action>,
    rx: UnboundedReceiver<Action>,
    tasks: HashMap<RequestId, AbortHandle>,
    /// Reports from the backend outside any call (throttling retries, MFA prompts).
    events: Option<UnboundedReceiver<BackendEvent>>,
}

impl Runtime {
    /// `initial` are the effects `App::new` returned.
    pub fn new(app: App, backend: Arc<dyn BackupBackend>, initial: Vec<Effect>) -> Runtime {
        let (tx, rx) = unbounded_channel();
        let mut runtime = Runtime {
            app,
            backend,
            audit: None,
            clipboard: None,
            bell: None,
            tx,
            rx,
            tasks: HashMap::new(),
            events: None,
        };
        runtime.spawn_all(initial);
        runtime
    }

    /// Records every job-starting request in `audit`.
    pub fn with_audit(mut self, audit: Option<AuditLog>) -> Self {
        self.audit = audit;
        self
    }

    /// Sends copied text to `sink`.
    pub fn with_clipboard(mut self, sink: ClipboardSink) -> Self {
        self.clipboard = Some(sink);
        self
    }

    /// Rings `sink` when a followed job ends (if the config asks for the bell).
    pub fn with_bell(mut self, sink: BellSink) -> Self {
        self.bell = Some(sink);
        self
    }

    /// Shows what the backend reports on `events` (throttling retries, MFA prompts).
    pub fn with_events(mut self, events: UnboundedReceiver<BackendEvent>) -> Self {
        self.events = Some(events);
        self
    }

    /// The app the loop drives (for tests that check its state once the loop ended).
    pub fn app(&self) -> &App {
        &self.app
    }

    /// A sender for actions from outside the loop (signal handlers).
    pub fn sender(&self) -> UnboundedSender<Action> {
        self.tx.clone()
    }

    fn spawn_all(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Load { req, query } => {
                    let backend = Arc::clone(&self.backend);
                    let tx = self.tx.clone();
                    let task = tokio::spawn(async move {
                        effect::execute(backend.as_ref(), req, &query, |action| {
                            tx.send(action).is_ok()
                        })
                        .await;
                    });
                    self.tasks.insert(req, task.abort_handle());
                }
                Effect::Poll { req, query, after } => {
                    let backend = Arc::clone(&self.backend);
                    let tx = self.tx.clone();
                    let task = tokio::spawn(async move {
                        tokio::time::sleep(after).await;
                        effect::execute(backend.as_ref(), req, &query, |action| {
                            tx.send(action).is_ok()
                        })
                        .await;
                    });
                    self.tasks.insert(req, task.abort_handle());
                }
                Effect::Submit { req, request } => {
                    let backend = Arc::clone(&self.backend);
                    let tx = self.tx.clone();
                    let audit = self.audit.clone();
                    // Not tracked in `tasks`: a started job must never be cancelled half-way,
                    // and its audit record must always be written.
                    tokio::spawn(async move {
                        let action = effect::submit(backend.as_ref(), req, &request).await;
                        if let (Some(log), Action::Submitted { result, .. }) = (&audit, &action) {
                            let entry = AuditEntry::new(
                                time::OffsetDateTime::now_utc(),
                                &backend.account(),
                                &request,
                                result.as_deref(),
                            );
                            if let Err(error) = log.append(&entry) {
                                tracing::error!(%error, path = %log.path().display(), "audit log not written");
                                let _ = tx.send(Action::AuditFailed(format!(
                                    "The audit log {} could not be written: {error}",
                                    log.path().display()
                                )));
                            }
                        }
                        let _ = tx.send(action);
                    });
                }
                Effect::AnswerMfa { reply, code } => reply.send(code.map(|c| c.0)),
                Effect::RearmMfa { reply } => reply.rearm(),
                Effect::Copy { text } => {
                    if let Some(sink) = self.clipboard.as_mut() {
                        sink(&text);
                    }
                }
                Effect::Bell => {
                    if let Some(ring) = self.bell.as_mut() {
                        ring();
                    }
                }
                Effect::Cancel { req } => {
                    if let Some(task) = self.tasks.remove(&req) {
                        task.abort();
                    }
                }
            }
        }
    }

    fn apply(&mut self, action: Action) {
        if let Action::Loaded {
            req, done: true, ..
        }
        | Action::LoadFailed { req, .. } = &action
        {
            self.tasks.remove(req);
        }
        let effects = self.app.update(action);
        self.spawn_all(effects);
    }

    /// Runs until the app quits. Draws only when something changed and the queue is empty.
    /// Input is read by its own task, so a burst of keys (a paste, key repeat over SSH) is
    /// handled before the next frame instead of one frame per key.
    pub async fn run<B, S>(
        &mut self,
        terminal: &mut Terminal<B>,
        mut input: S,
    ) -> Result<(), B::Error>
    where
        B: Backend,
        S: Stream<Item = std::io::Result<Event>> + Unpin + Send + 'static,
    {
        let (input_tx, mut input_rx) = unbounded_channel();
        let reader = tokio::spawn(async move {
            while let Some(event) = input.next().await {
                if input_tx.send(event).is_err() {
                    break;
                }
            }
        });
        // Backend events join the action queue, so they are applied in order with the rest.
        let forwarder = self.events.take().map(|mut events| {
            let tx = self.tx.clone();
            tokio::spawn(async move {
                while let Some(event) = events.recv().await {
                    if tx.send(Action::Backend(event)).is_err() {
                        break;
                    }
                }
            })
        });
        let mut ticker = tokio::time::interval(TICK);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The app hears the starting size as it hears every later one (`Event::Resize`).
        let size = terminal.size()?;
        self.apply(Action::Resize(size.width, size.height));
        self.draw(terminal)?;
        while !self.app.should_quit() {
            let busy = self.app.is_busy();
            tokio::select! {
                biased;
                Some(action) = self.rx.recv() => self.apply(action),
                event = input_rx.recv() => self.on_input(event),
                _ = ticker.tick(), if busy => self.apply(Action::Tick),
            }
            // Take everything already waiting before drawing once.
            loop {
                if let Ok(action) = self.rx.try_recv() {
                    self.apply(action);
                } else if let Ok(event) = input_rx.try_recv() {
                    self.on_input(Some(event));
                } else {
                    break;
                }
            }
            if !self.app.should_quit() {
                self.draw(terminal)?;
            }
        }
        reader.abort();
        if let Some(forwarder) = forwarder {
            forwarder.abort();
        }
        for (_, task) in self.tasks.drain() {
            task.abort();
        }
        Ok(())
    }

    fn on_input(&mut self, event: Option<std::io::Result<Event>>) {
        match event {
            Some(Ok(Event::Key(key))) => self.apply(Action::Key(key)),
            Some(Ok(Event::Resize(w, h))) => self.apply(Action::Resize(w, h)),
            Some(Ok(_)) => {}
            // The terminal went away (an SSH connection dropped): leave cleanly.
            Some(Err(error)) => {
                tracing::warn!(%error, "terminal input failed; quitting");
                self.apply(Action::Shutdown);
            }
            None => self.apply(Action::Shutdown),
        }
    }

    fn draw<B: Backend>(&mut self, terminal: &mut Terminal<B>) -> Result<(), B::Error> {
        let app = &self.app;
        terminal
            .draw(|frame| crate::ui::draw(frame, app))
            .map(|_| ())
    }
}
