//! Work shared between the machine's cores, with results in the order of the work.

/// Below this many items a run, a thread costs more than it saves.
const MIN_PER_THREAD: usize = 4096;

/// `f` of each item, the results in the items' order. The items are shared out a batch at a
/// time, so a core that is busy with something else gets fewer; this thread makes the results
/// of the batch that is due in place, and takes the other threads' batches as they become due,
/// so only the few batches done ahead of their turn are ever held twice.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    /// Items a batch: enough to make handing them out cheap, few enough to balance the cores.
    const BATCH: usize = 1024;
    let threads = threads_for(items.len());
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let batches = items.len().div_ceil(BATCH);
    let batch = |i: usize| {
        items
            .get(i * BATCH..items.len().min((i + 1) * BATCH))
            .unwrap_or(&[])
    };
    let next = AtomicUsize::new(0);
    let mut out = Vec::with_capacity(items.len());
    let (f, batch, next) = (&f, &batch, &next);
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::channel::<(usize, Vec<R>)>();
        let handles: Vec<_> = (1..threads)
            .map(|_| {
                let sender = sender.clone();
                scope.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= batches {
                            break;
                        }
                        let results = batch(i).iter().map(f).collect();
                        if sender.send((i, results)).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(sender);
        let mut done_ahead = BTreeMap::new();
        let mut due = 0;
        while due < batches {
            while let Ok((i, results)) = receiver.try_recv() {
                done_ahead.insert(i, results);
            }
            if let Some(results) = done_ahead.remove(&due) {
                out.extend(results);
                due += 1;
                continue;
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i == due {
                out.extend(batch(i).iter().map(f));
                due += 1;
            } else if i < batches {
                done_ahead.insert(i, batch(i).iter().map(f).collect());
            } else {
                // Every batch is handed out; the due one is on another thread. (No more
                // results at all: a thread panicked, which its join below passes on.)
                match receiver.recv() {
                    Ok((i, results)) => {
                        done_ahead.insert(i, results);
                    }
                    Err(_) => break,
                }
            }
        }
        for h in handles {
            // A panic in a worker is a bug; let it surface as one.
            if let Err(e) = h.join() {
                std::panic::resume_unwind(e);
            }
        }
    });
    out
}

/// How many threads `items` are worth.
fn threads_for(items: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items / MIN_PER_THREAD)
        .max(1)
}

/// `f` of each run of items, the items split into one run per core (a single run when there are
/// few); the results in the runs' order.
pub fn map_runs<'t, T: Sync, R: Send>(items: &'t [T], f: impl Fn(&'t [T]) -> R + Sync) -> Vec<R> {
    let threads = threads_for(items.len());
    if threads == 1 {
        return vec![f(items)];
    }
    let run = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(run)
            .map(|part| scope.spawn(move || f(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(r) => r,
                // A panic in a worker is a bug; let it surface as one.
                Err(e) => std::panic::resume_unwind(e),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
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
