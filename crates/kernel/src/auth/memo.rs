//! A bounded memory of answers by key, shared by the threads of an instance: beyond its capacity it
//! starts afresh (the answers are cheap to find again, so no eviction order is kept).

use std::collections::HashMap;
use std::sync::Mutex;

/// Answers remembered by key.
pub(super) struct Memo<V> {
    capacity: usize,
    entries: Mutex<HashMap<String, V>>,
}

impl<V: Clone> Memo<V> {
    /// An empty memory of at most `capacity` answers.
    pub(super) fn new(capacity: usize) -> Memo<V> {
        Memo { capacity, entries: Mutex::new(HashMap::new()) }
    }

    /// The answer remembered for `key`, if any.
    pub(super) fn get(&self, key: &str) -> Option<V> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    /// Remembers `value` for `key`.
    pub(super) fn put(&self, key: &str, value: V) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity {
                entries.clear();
            }
            entries.insert(key.to_owned(), value);
        }
    }

    /// Forgets the answer for `key`.
    pub(super) fn forget(&self, key: &str) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }
}
