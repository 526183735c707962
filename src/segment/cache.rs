//! What each thread has learnt of the words it met: jieba's part of speech and the
//! segmenter's classification of each, so that a word is tagged once rather than every
//! time. Each segmenter owns its caches, one per thread that uses it.

use super::classify::Class;
use crate::vocab::Pos;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use thread_local::ThreadLocal;

/// Most words whose part of speech a thread keeps (about 30 MB); past that it starts again.
const WORDS_PER_THREAD: usize = 1 << 19;

/// The caches of one segmenter, one per thread.
#[derive(Default)]
pub(super) struct TagCaches(ThreadLocal<RefCell<TagCache>>);

impl TagCaches {
    /// Runs `f` with this thread's cache; `None` when the cache is in use already (a call
    /// made from inside `f`), so that the caller tags without it.
    pub(super) fn with<R>(&self, f: impl FnOnce(&mut TagCache) -> R) -> Option<R> {
        let cell = self.0.get_or_default();
        let mut cache = cell.try_borrow_mut().ok()?;
        Some(f(&mut cache))
    }
}

/// The words one thread has met.
#[derive(Default)]
pub(super) struct TagCache(FxHashMap<Box<str>, (Pos, Class)>);

impl TagCache {
    /// jieba's part of speech of `word` and what the segmenter makes of it, if met before.
    pub(super) fn get(&self, word: &str) -> Option<(Pos, Class)> {
        self.0.get(word).copied()
    }

    /// Remembers `word`.
    pub(super) fn insert(&mut self, word: &str, pos: Pos, class: Class) {
        if self.0.len() >= WORDS_PER_THREAD {
            self.0.clear();
        }
        self.0.insert(word.into(), (pos, class));
    }
}
