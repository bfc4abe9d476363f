//! Work shared between the machine's cores, with results in the order of the work; and how the
//! process is set up for it (the threads asked for, malloc's threshold for large blocks).

use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this many items a run, a thread costs more than it saves.
const MIN_PER_THREAD: usize = 4096;

/// Items a batch, for work of about a project's figures an item: enough to make handing them out
/// cheap, few enough to balance the cores.
pub const BATCH: usize = 1024;

/// `f` of each item, the results in the items' order, made on every core a batch at a time
/// (`in_order`): only the few batches done ahead of their turn are ever held twice.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if threads_for(items.len()) == 1 {
        return items.iter().map(f).collect();
    }
    let mut out = Vec::with_capacity(items.len());
    let spare = Spare::default();
    in_order(
        items,
        BATCH,
        |batch| {
            let mut results: Vec<R> = spare.take().unwrap_or_default();
            results.extend(batch.iter().map(&f));
            results
        },
        |mut results| {
            out.append(&mut results);
            spare.keep(results);
            true
        },
    );
    out
}

/// Buffers let go on one thread for another to use again. A large buffer made afresh is memory
/// new to the process, each page faulted in and zeroed by the system; one freed on another
/// thread than the one that made it goes back to its maker's allocator arena, to be kept there.
/// Handing buffers back to be filled again avoids both. There are never more than were in use
/// at once.
#[derive(Debug)]
pub struct Spare<T>(std::sync::Mutex<Vec<T>>);

impl<T> Default for Spare<T> {
    fn default() -> Spare<T> {
        Spare(std::sync::Mutex::new(Vec::new()))
    }
}

impl<T> Spare<T> {
    /// A buffer let go before, if there is one.
    pub fn take(&self) -> Option<T> {
        self.0.lock().ok()?.pop()
    }

    /// Keeps a buffer (emptied by the caller) for `take`.
    pub fn keep(&self, buffer: T) {
        if let Ok(mut spare) = self.0.lock() {
            spare.push(buffer);
        }
    }
}

/// Batches done ahead of the one due, at most: enough to keep every core of a small machine
/// busy (`in_order` uses at most this many threads besides its own).
const AHEAD: usize = 8;

/// `make` of each batch of `batch` items on every core, and `take` of the results on this
/// thread in the batches' order, each as soon as it and those before it are ready, until
/// `take` says to stop (`false`). Batches are handed out one at a time, so a core that is
/// busy with something else gets fewer, and none is made more than `AHEAD` batches before its
/// turn, so few wait to be taken however slow `take` is. This thread makes batches too while
/// the one due is not ready.
pub fn in_order<T: Sync, R: Send>(
    items: &[T],
    batch: usize,
    make: impl Fn(&[T]) -> R + Sync,
    mut take: impl FnMut(R) -> bool,
) {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex};

    let batch = batch.max(1);
    let batches = items.len().div_ceil(batch);
    let part = |i: usize| {
        let start = i * batch;
        items
            .get(start..items.len().min(start + batch))
            .unwrap_or(&[])
    };
    // (More threads than batches may be ahead of the one taken would only wait.)
    let threads = threads().min(AHEAD + 1);
    if threads == 1 || batches <= 1 {
        for i in 0..batches {
            if !take(make(part(i))) {
                return;
            }
        }
        return;
    }
    // The next batch to hand out; the batch due (taken once ready), with workers waiting on
    // it to move; set to stop the workers (taking is over, or a thread panicked).
    let next = AtomicUsize::new(0);
    let due = Mutex::new(0usize);
    let moved = Condvar::new();
    let stop = AtomicBool::new(false);
    /// When dropped, tells the workers to stop and wakes those waiting, so that none waits for
    /// ever: always (`always`: taking is over), or when its thread is panicking.
    struct Stopper<'a> {
        stop: &'a AtomicBool,
        due: &'a Mutex<usize>,
        moved: &'a Condvar,
        always: bool,
    }
    impl Drop for Stopper<'_> {
        fn drop(&mut self) {
            if self.always || std::thread::panicking() {
                self.stop.store(true, Ordering::Release);
                // (Under the lock, so that no worker misses it between its look and its wait.)
                let _due = self.due.lock();
                self.moved.notify_all();
            }
        }
    }
    let stopper = |always| Stopper {
        stop: &stop,
        due: &due,
        moved: &moved,
        always,
    };
    let (make, part, next, due, moved, stop, stopper) =
        (&make, &part, &next, &due, &moved, &stop, &stopper);
    std::thread::scope(|scope| {
        // Made first, so that the workers stop however this thread leaves, even if starting
        // one of them fails.
        let done = stopper(true);
        let (sender, receiver) = std::sync::mpsc::channel::<(usize, R)>();
        let handles: Vec<_> = (1..threads.min(batches))
            .map(|_| {
                let sender = sender.clone();
                scope.spawn(move || {
                    let _on_panic = stopper(false);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= batches {
                            break;
                        }
                        // Waits while the batch would be too far ahead of the one due.
                        let mut d = due.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= *d + AHEAD && !stop.load(Ordering::Acquire) {
                            d = moved.wait(d).unwrap_or_else(|e| e.into_inner());
                        }
                        drop(d);
                        if stop.load(Ordering::Acquire) {
                            break;
                        }
                        if sender.send((i, make(part(i)))).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(sender);
        let mut done_ahead = BTreeMap::new();
        let mut taken = 0;
        while taken < batches {
            while let Ok((i, r)) = receiver.try_recv() {
                done_ahead.insert(i, r);
            }
            let ready = match done_ahead.remove(&taken) {
                Some(r) => Some(r),
                None => {
                    // The due batch is not ready: make one here, if one is to be made and not
                    // too far ahead; else wait for the others' next.
                    let claimed = next
                        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |i| {
                            (i < batches && i < taken + AHEAD).then_some(i + 1)
                        })
                        .ok();
                    match claimed {
                        Some(i) if i == taken => Some(make(part(i))),
                        Some(i) => {
                            done_ahead.insert(i, make(part(i)));
                            None
                        }
                        None => match receiver.recv() {
                            Ok((i, r)) => {
                                done_ahead.insert(i, r);
                                None
                            }
                            // No worker is left, and the due batch never came: one panicked,
                            // which its join below passes on.
                            Err(_) => break,
                        },
                    }
                }
            };
            let Some(r) = ready else { continue };
            taken += 1;
            {
                let mut d = due.lock().unwrap_or_else(|e| e.into_inner());
                *d = taken;
                moved.notify_all();
            }
            if !take(r) {
                break;
            }
        }
        drop(done);
        for h in handles {
            // A panic in a worker is a bug; let it surface as one.
            if let Err(e) = h.join() {
                std::panic::resume_unwind(e);
            }
        }
    });
}

/// `make` of each batch that `next` reads, on a helper thread while this one reads on, and
/// `take` of the results on this thread in the batches' order. Once `AHEAD` batches are read
/// and not yet taken, this thread makes one itself rather than read another, so that few batches
/// are held at once and none waits long for a busy helper. For work read in order from one
/// source (a file's rows) that costs more to make than to read.
pub fn stream<B: Send, R: Send>(
    mut next: impl FnMut() -> Option<B>,
    make: impl Fn(B) -> R + Sync,
    mut take: impl FnMut(R),
) {
    use std::collections::{BTreeMap, VecDeque};
    use std::sync::{Condvar, Mutex};

    if threads() == 1 {
        while let Some(b) = next() {
            take(make(b));
        }
        return;
    }
    /// Batches read and not yet being made; `closed` once no more will come (all are read,
    /// or this thread stops).
    struct Queue<B> {
        batches: VecDeque<(usize, B)>,
        closed: bool,
    }
    let queue = Mutex::new(Queue {
        batches: VecDeque::new(),
        closed: false,
    });
    let added = Condvar::new();
    let lock = || queue.lock().unwrap_or_else(|e| e.into_inner());
    /// Closes the queue when dropped, however this thread leaves, so that the helper stops.
    struct Closer<'a, B> {
        queue: &'a Mutex<Queue<B>>,
        added: &'a Condvar,
    }
    impl<B> Drop for Closer<'_, B> {
        fn drop(&mut self) {
            let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
            q.closed = true;
            q.batches.clear();
            self.added.notify_all();
        }
    }
    let (make, queue_ref, added_ref) = (&make, &queue, &added);
    std::thread::scope(|scope| {
        let closer = Closer {
            queue: queue_ref,
            added: added_ref,
        };
        let (sender, receiver) = std::sync::mpsc::channel::<(usize, R)>();
        let helper = scope.spawn(move || {
            loop {
                let (i, b) = {
                    let mut q = queue_ref.lock().unwrap_or_else(|e| e.into_inner());
                    loop {
                        if let Some(job) = q.batches.pop_front() {
                            break job;
                        }
                        if q.closed {
                            return;
                        }
                        q = added_ref.wait(q).unwrap_or_else(|e| e.into_inner());
                    }
                };
                if sender.send((i, make(b))).is_err() {
                    return;
                }
            }
        });
        let mut done_ahead = BTreeMap::new();
        let (mut read, mut taken, mut exhausted) = (0, 0, false);
        loop {
            while let Ok((i, r)) = receiver.try_recv() {
                done_ahead.insert(i, r);
            }
            while let Some(r) = done_ahead.remove(&taken) {
                take(r);
                taken += 1;
            }
            if !exhausted && read < taken + AHEAD {
                match next() {
                    Some(b) => {
                        lock().batches.push_back((read, b));
                        added.notify_one();
                        read += 1;
                    }
                    None => {
                        exhausted = true;
                        lock().closed = true;
                        added.notify_all();
                    }
                }
                continue;
            }
            if taken == read {
                break;
            }
            // Enough read ahead, or all read: make the oldest batch waiting here, else wait
            // for the helper's.
            let job = lock().batches.pop_front();
            match job {
                Some((i, b)) => {
                    done_ahead.insert(i, make(b));
                }
                None => match receiver.recv() {
                    Ok((i, r)) => {
                        done_ahead.insert(i, r);
                    }
                    // The helper stopped without the batch due: it panicked, which its join
                    // below passes on.
                    Err(_) => break,
                },
            }
        }
        drop(closer);
        if let Err(e) = helper.join() {
            std::panic::resume_unwind(e);
        }
    });
}

/// Whether work on `items` is worth a thread of its own.
pub fn worth_a_thread(items: usize) -> bool {
    threads_for(items) > 1
}

/// How many threads work is shared between: as many as `use_threads` said, else one for each
/// core this process may use (1 if the system does not say).
pub fn threads() -> usize {
    match THREADS.load(Ordering::Relaxed) {
        0 => {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            THREADS.store(cores, Ordering::Relaxed);
            cores
        }
        n => n,
    }
}

/// The most threads work may be shared between (`use_threads`; `--threads`' help says it too).
pub const MOST_THREADS: u16 = 256;

/// Shares work between `n` threads (at least 1) from now on, whatever the cores.
pub fn use_threads(n: usize) {
    THREADS.store(n.max(1), Ordering::Relaxed);
}

/// glibc's malloc serves large blocks from the system (mmap) and hands them back when freed, but
/// each time one is freed it raises that threshold (up to 32 MiB): from the first report file on,
/// the next files' buffers and rows (megabytes each, made on one thread and freed on another) come
/// from the heap instead, and stay in the process when freed. At 100,000 projects that was a
/// quarter of the peak memory. A fixed threshold keeps large blocks apart, and returned. (An
/// operator's own MALLOC_MMAP_THRESHOLD_ is left to rule.) Called first thing, before any other
/// thread runs, by the binary (and by `examples/phases.rs`, to time the same process).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn hand_back_freed_blocks() {
    if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_some() {
        return;
    }
    // SAFETY: mallopt only sets a parameter of glibc's malloc, under malloc's own lock.
    let set = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024) };
    debug_assert_eq!(set, 1, "mallopt(M_MMAP_THRESHOLD) refused");
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn hand_back_freed_blocks() {}

/// The threads asked for: by `--threads`, else by `XMTOOL_THREADS` (unset or empty: none asked).
pub fn threads_asked(flag: Option<u16>) -> Result<Option<usize>, String> {
    if let Some(n) = flag {
        return Ok(Some(n.into()));
    }
    let Some(value) = std::env::var_os(THREADS_VAR) else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    match text.trim() {
        "" => Ok(None),
        n => match n.parse::<u16>() {
            Ok(n) if (1..=MOST_THREADS).contains(&n) => Ok(Some(n.into())),
            _ => Err(format!(
                "{THREADS_VAR}={text:?} is not a number of threads (expected 1 to {MOST_THREADS}, \
                 or unset for one per core)"
            )),
        },
    }
}

/// The environment variable that says how many threads to use when `--threads` does not.
const THREADS_VAR: &str = "XMTOOL_THREADS";

/// The threads `threads` gives; 0 until it is known.
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// How many threads `items` are worth.
fn threads_for(items: usize) -> usize {
    threads().min(items / MIN_PER_THREAD).max(1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn spare_gives_back_what_it_kept_once() {
        let spare = super::Spare::default();
        assert_eq!(spare.take(), None::<Vec<u8>>);
        spare.keep(Vec::with_capacity(100));
        assert!(spare.take().is_some_and(|b| b.capacity() >= 100));
        assert_eq!(spare.take(), None);
    }

    #[test]
    fn results_keep_the_order_of_the_items() {
        // Sizes around the batch and the single-thread limit, and a last batch cut short.
        for len in [0, 1, 4095, 8192, 8193, 20_000, 100_003] {
            let items: Vec<u32> = (0..len).collect();
            let doubled = super::map(&items, |&n| n * 2);
            assert_eq!(
                doubled,
                items.iter().map(|n| n * 2).collect::<Vec<_>>(),
                "{len}"
            );
        }
    }

    #[test]
    fn results_keep_their_order_when_threads_go_at_different_speeds() {
        let items: Vec<u32> = (0..40_000).collect();
        // Batches made slow here and there, so that they finish out of order.
        let slow = |&n: &u32| {
            if n % 5_000 < 3 {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            n + 1
        };
        for _ in 0..5 {
            let got = super::map(&items, slow);
            assert_eq!(got, items.iter().map(|n| n + 1).collect::<Vec<_>>());
        }
    }

    /// `in_order` over `len` numbers in batches of `batch`: the batches as taken.
    fn batches_taken(len: u32, batch: usize) -> Vec<Vec<u32>> {
        let items: Vec<u32> = (0..len).collect();
        let mut taken = Vec::new();
        super::in_order(
            &items,
            batch,
            |b| b.to_vec(),
            |b| {
                taken.push(b);
                true
            },
        );
        taken
    }

    #[test]
    fn batches_are_taken_in_order() {
        for (len, batch) in [
            (0, 3),
            (1, 3),
            (10, 3),
            (10, 10),
            (10, 0),
            (5000, 7),
            (5000, 1),
        ] {
            let taken = batches_taken(len, batch);
            let items: Vec<u32> = (0..len).collect();
            let want: Vec<Vec<u32>> = items.chunks(batch.max(1)).map(<[u32]>::to_vec).collect();
            assert_eq!(taken, want, "{len} items in batches of {batch}");
        }
    }

    #[test]
    fn few_batches_are_made_ahead_of_a_slow_taker_and_none_after_it_stops() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<u32> = (0..400).collect();
        let started = AtomicUsize::new(0);
        let mut taken = 0;
        super::in_order(
            &items,
            1,
            |b| {
                started.fetch_add(1, Ordering::SeqCst);
                b[0]
            },
            |n| {
                assert_eq!(n, taken);
                // Made so far: those taken, this one, and at most AHEAD waiting beyond it.
                let made = started.load(Ordering::SeqCst);
                assert!(
                    made <= taken as usize + 1 + super::AHEAD,
                    "{made} made by {taken}"
                );
                std::thread::sleep(std::time::Duration::from_micros(200));
                taken += 1;
                taken < 100
            },
        );
        assert_eq!(taken, 100);
        let made = started.load(Ordering::SeqCst);
        assert!(made <= 100 + super::AHEAD, "{made} made, 100 taken");
    }

    #[test]
    fn a_panic_in_making_or_taking_is_passed_on() {
        let items: Vec<u32> = (0..2000).collect();
        for at in [0, 1, 999, 1999] {
            let made = std::panic::catch_unwind(|| {
                super::in_order(&items, 10, |b| assert!(!b.contains(&at)), |()| true)
            });
            assert!(made.is_err(), "making batch with {at}");
            let mut n = 0;
            let taken = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                super::in_order(
                    &items,
                    10,
                    |_| (),
                    |()| {
                        n += 1;
                        assert!(n <= at / 10, "taking batch {n}");
                        true
                    },
                )
            }));
            assert!(taken.is_err(), "taking batch {}", at / 10 + 1);
        }
    }

    /// `stream` of `len` numbers read in batches of `batch`, each made after `pause` for
    /// those `slow` picks: the batches as taken, and the most read and not yet taken at once.
    fn streamed(
        len: u32,
        batch: usize,
        slow: impl Fn(u32) -> bool + Sync,
        pause: std::time::Duration,
    ) -> (Vec<Vec<u32>>, usize) {
        let items: Vec<u32> = (0..len).collect();
        let mut chunks = items.chunks(batch);
        let (read, mut taken, mut most) = (std::cell::Cell::new(0), Vec::new(), 0);
        super::stream(
            || {
                let chunk = chunks.next()?;
                read.set(read.get() + 1);
                Some(chunk.to_vec())
            },
            |b| {
                if b.first().is_some_and(|&n| slow(n)) {
                    std::thread::sleep(pause);
                }
                b
            },
            |b| {
                most = most.max(read.get() - taken.len());
                taken.push(b);
            },
        );
        (taken, most)
    }

    #[test]
    fn streamed_batches_are_taken_in_order_few_at_a_time() {
        let none = std::time::Duration::ZERO;
        for (len, batch) in [(0, 3), (1, 3), (10, 3), (5000, 7), (5000, 1)] {
            let (taken, most) = streamed(len, batch, |_| false, none);
            let items: Vec<u32> = (0..len).collect();
            let want: Vec<Vec<u32>> = items.chunks(batch).map(<[u32]>::to_vec).collect();
            assert_eq!(taken, want, "{len} items in batches of {batch}");
            assert!(most <= super::AHEAD, "{most} read ahead");
        }
        // Some batches slow to make, so that they are made out of order.
        let slow = std::time::Duration::from_millis(2);
        let (taken, most) = streamed(2000, 10, |n| n % 170 == 0, slow);
        assert_eq!(taken.concat(), (0..2000).collect::<Vec<u32>>());
        assert!(most <= super::AHEAD, "{most} read ahead");
    }

    #[test]
    fn a_panic_in_streamed_work_is_passed_on() {
        for at in [0, 1, 999, 1999] {
            let items: Vec<u32> = (0..2000).collect();
            let mut chunks = items.chunks(10);
            let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                super::stream(|| chunks.next(), |b| assert!(!b.contains(&at)), |()| {})
            }));
            assert!(made.is_err(), "making batch with {at}");
            let mut chunks = items.chunks(10);
            let mut n = 0;
            let taken = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                super::stream(
                    || chunks.next(),
                    |_| (),
                    |()| {
                        n += 1;
                        assert!(n <= at / 10, "taking batch {n}");
                    },
                )
            }));
            assert!(taken.is_err(), "taking batch {}", at / 10 + 1);
        }
    }

    #[test]
    fn a_panic_in_the_work_is_passed_on() {
        let items: Vec<u32> = (0..50_000).collect();
        let got = std::panic::catch_unwind(|| {
            super::map(&items, |&n| {
                assert!(n != 30_000, "item 30000");
                n
            })
        });
        assert!(got.is_err());
    }
}
