//! Writing outputs safely: to a temporary file beside the target, then renamed over it, so a
//! reader never sees half a file; never over an existing output without `--force`; never over or
//! into an input.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::AtomicU64;

use anyhow::{Context, bail};

use crate::finding::Shown;
use crate::load::Dataset;

/// Temporary files and folders being written, and folders made for outputs, removed if the
/// user interrupts (Ctrl-C), so an interrupted run leaves nothing half-made behind. By the order
/// they were listed in (`LISTED`): each is let go by its number, not looked for by its path (a
/// template of 20,000 districts lists as many files).
static PENDING: Mutex<BTreeMap<u64, (PathBuf, Removal)>> = Mutex::new(BTreeMap::new());

/// The number of the next path listed in `PENDING`.
static LISTED: AtomicU64 = AtomicU64::new(0);

/// How a pending path goes on interrupt.
#[derive(Clone, Copy, PartialEq)]
enum Removal {
    /// A temporary file or folder: removed whole.
    Whole,
    /// A folder made to hold outputs: removed only if nothing else is in it.
    IfEmpty,
}

/// The list of pending paths, held: by the interrupt handler while it removes them (it never
/// lets go), and while one is made and listed or a file is made in a temporary folder, so that
/// the handler never runs between the two, nor under a folder as it is being filled.
fn pending() -> std::sync::MutexGuard<'static, BTreeMap<u64, (PathBuf, Removal)>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Lists a path in `list` (the pending list, held), and gives its number.
fn list_in(list: &mut BTreeMap<u64, (PathBuf, Removal)>, path: PathBuf, removal: Removal) -> u64 {
    let number = LISTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    list.insert(number, (path, removal));
    number
}

fn unlist(number: u64) {
    pending().remove(&number);
}

/// A temporary file or folder (a `NamedTempFile`, a `TempDir`), registered for removal on
/// interrupt while this value lives. Dropped, it is removed before it is unregistered, so an
/// interrupt in between cannot leave it behind.
pub struct Pending<T: AsRef<Path>>(Option<T>, u64);

impl<T: AsRef<Path>> Pending<T> {
    /// Makes a temporary file or folder with `make` and registers it: an interrupt comes either
    /// before it is made or once it is registered, never in between.
    pub fn make(make: impl FnOnce() -> std::io::Result<T>) -> std::io::Result<Pending<T>> {
        let mut list = pending();
        let made = make()?;
        let number = list_in(&mut list, made.as_ref().to_path_buf(), Removal::Whole);
        Ok(Pending(Some(made), number))
    }

    /// The same temporary file or folder, held as another type (a `NamedTempFile` as its
    /// `TempPath`, which keeps no file open), still registered.
    pub fn map<U: AsRef<Path>>(mut self, f: impl FnOnce(T) -> U) -> Pending<U> {
        let made = self.0.take().expect("taken only by into_inner and map");
        Pending(Some(f(made)), self.1)
    }

    pub fn get(&self) -> &T {
        self.0.as_ref().expect("taken only by into_inner and map")
    }

    pub fn get_mut(&mut self) -> &mut T {
        self.0.as_mut().expect("taken only by into_inner and map")
    }

    /// The temporary file or folder, no longer removed on interrupt: to be put in place
    /// within `commit`.
    pub fn into_inner(mut self) -> T {
        let made = self.0.take().expect("taken only here and by map");
        unlist(self.1);
        made
    }

    /// Runs `write`, which makes a file in this temporary folder, with interrupts held off: the
    /// handler removes a folder whole, so it must not run while a file is being made in it.
    pub fn write_in<R>(&self, write: impl FnOnce(&Path) -> R) -> R {
        let _held = pending();
        write(self.get().as_ref())
    }
}

impl<T: AsRef<Path>> Drop for Pending<T> {
    fn drop(&mut self) {
        if let Some(made) = self.0.take() {
            drop(made);
            unlist(self.1);
        }
    }
}

/// The folders `make_folders` made. Dropped, those still empty are removed again (an output that
/// could not be written leaves no empty folder behind), unless `keep` was called; an interrupt
/// removes them too.
#[must_use]
pub struct MadeFolders(Vec<(PathBuf, u64)>);

impl MadeFolders {
    /// Keeps the folders: the outputs are in them.
    pub fn keep(mut self) {
        for (_, number) in std::mem::take(&mut self.0) {
            unlist(number);
        }
    }
}

impl Drop for MadeFolders {
    fn drop(&mut self) {
        // Last made first: a folder goes before the one it was made in.
        for (folder, number) in self.0.iter().rev() {
            let _ = std::fs::remove_dir(folder);
            unlist(*number);
        }
    }
}

/// Makes `folder` and any folders missing above it, each registered for removal on interrupt
/// as it is made.
pub fn make_folders(folder: &Path) -> anyhow::Result<MadeFolders> {
    let mut made = MadeFolders(Vec::new());
    make_folders_into(folder, &mut made)?;
    Ok(made)
}

/// Fails where `folder` is a link that leads nowhere: a folder cannot be made in its place, and
/// the system would only say "File exists" or "Not a directory".
pub fn no_link_to_nothing(folder: &Path) -> anyhow::Result<()> {
    if let Some(link) = crate::load::dangling(folder) {
        let mend = if link.looped {
            "name another folder, or remove the link"
        } else {
            "make that folder, name another, or remove the link"
        };
        bail!("{} is {link} ({mend})", folder.shown());
    }
    Ok(())
}

/// `make_folders`, adding the folders made to `made` (which, dropped, takes them away).
fn make_folders_into(folder: &Path, made: &mut MadeFolders) -> anyhow::Result<()> {
    let mut missing = Vec::new();
    let mut above = Some(folder);
    while let Some(f) = above.filter(|f| !f.as_os_str().is_empty() && !f.exists()) {
        no_link_to_nothing(f)?;
        missing.push(f.to_path_buf());
        above = f.parent();
    }
    // (A file where a folder would be made, or above it: say which, not "Not a directory".)
    if let Some(f) = above.filter(|f| !f.as_os_str().is_empty() && !f.is_dir()) {
        anyhow::bail!(
            "cannot make the folder {}: {} is a file, not a folder",
            folder.shown(),
            f.shown()
        );
    }
    for f in missing.into_iter().rev() {
        let mut list = pending();
        match std::fs::create_dir(&f) {
            Ok(()) => {}
            // Made meanwhile by somebody else: theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && f.is_dir() => continue,
            Err(e) => {
                drop(list);
                return Err(anyhow::anyhow!("cannot make the folder {}: {e}", f.shown()));
            }
        }
        let number = list_in(&mut list, f.clone(), Removal::IfEmpty);
        made.0.push((f, number));
    }
    Ok(())
}

/// Held while outputs are renamed into place (`commit`): an interrupt waits for it, so that a set
/// of files is never left part old and part new.
static COMMITTING: Mutex<()> = Mutex::new(());

/// Set once outputs have been renamed into place: an interrupt after it stops nothing, as
/// nothing is left to stop (the run ends, and says what it wrote, as it would have).
static COMMITTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Runs `f`, which renames finished outputs into place, with interrupts held off until it is done
/// (and, where it put them in place, for good: see `COMMITTED`).
pub fn commit<T>(f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    let _held = COMMITTING.lock().unwrap_or_else(|e| e.into_inner());
    let done = f();
    if done.is_ok() {
        COMMITTED.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    done
}

/// A limit on the size of files a process writes (`ulimit -f`, as batch systems set) ends one
/// that writes past it with SIGXFSZ, leaving its temporary file behind. Ignored, the write fails
/// instead ("File too large"), and the temporary files are taken away as for a full disk.
#[cfg(unix)]
pub fn fail_writes_past_size_limit() {
    // SAFETY: sets SIGXFSZ to be ignored: no handler of ours runs, and none is replaced.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

#[cfg(not(unix))]
pub fn fail_writes_past_size_limit() {}

/// On Ctrl-C (or SIGTERM), removes the temporary files and folders in progress and exits with
/// 130. Targets are only ever renamed into place whole, and a set of them all at once
/// (`commit`), so they are either as before or done; once done, the run ends as it would have
/// (exit 0 with its outputs written, not 130, which a batch job takes for nothing written).
pub fn clean_up_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        // (Never released but where the outputs are in place: the process ends here.)
        let committing = COMMITTING.lock();
        if COMMITTED.load(std::sync::atomic::Ordering::SeqCst) {
            drop(committing);
            return;
        }
        // (Held to the exit: a file made meanwhile would be left behind.)
        let _held = remove_listed(&PENDING);
        crate::say!("xmtool: interrupted");
        std::process::exit(130);
    });
}

/// Removes the paths listed in `list`, last first (the files in a made folder go before it),
/// and gives the list back still held, so that no path is made and listed after (the interrupt
/// handler holds it until the process ends).
fn remove_listed(
    list: &'static Mutex<BTreeMap<u64, (PathBuf, Removal)>>,
) -> std::sync::MutexGuard<'static, BTreeMap<u64, (PathBuf, Removal)>> {
    let held = list.lock().unwrap_or_else(|e| e.into_inner());
    for (path, removal) in held.values().rev() {
        let _ = match removal {
            Removal::IfEmpty => std::fs::remove_dir(path),
            Removal::Whole if path.is_dir() => std::fs::remove_dir_all(path),
            Removal::Whole => std::fs::remove_file(path),
        };
    }
    held
}

/// Refuses targets that are inputs or lie among them (reports/, registry/, the registry file),
/// by path and, on Unix, by what the path is: a bind mount or a second name for the data folder
/// passes a comparison of paths.
pub fn guard(target: &Path, data: &Dataset) -> anyhow::Result<()> {
    guard_walking(target, data, true)
}

/// `guard` for a file of a folder `guard` took: the folders a link under reports/ or registry/
/// leads to are not walked for it again (the file is in the folder, and a file that is a link
/// is no target, `check_target`).
pub fn guard_in_guarded(target: &Path, data: &Dataset) -> anyhow::Result<()> {
    guard_walking(target, data, false)
}

fn guard_walking(target: &Path, data: &Dataset, walk: bool) -> anyhow::Result<()> {
    let target_abs = absolute(target);
    let dir = absolute(&data.dir);
    for input in ["reports", "registry"] {
        if inside(&target_abs, &dir.join(input)) {
            bail!(
                "{} is inside the input folder {input}/ (write outputs elsewhere, e.g. out/)",
                target.shown()
            );
        }
        if walk {
            refuse_inside_linked(target, &target_abs, data, input)?;
        }
    }
    if is_an_input(target, data) {
        bail!(
            "{} is an input file; refusing to write over it",
            target.shown()
        );
    }
    if same_entry(&target_abs, &dir.join(crate::settings::FILE_NAME)) {
        bail!(
            "{} is the settings file; refusing to write over it",
            target.shown()
        );
    }
    // A file the loader would read as the registry, even if there is none yet.
    if let Some(parent) = target_abs.parent()
        && same_entry(parent, &dir)
        && let Some(name) = target_abs.file_name().and_then(|n| n.to_str())
        && crate::load::REGISTRY_NAMES.contains(&name)
    {
        bail!(
            "{} would be read as the registry of the data folder; write outputs elsewhere",
            target.shown()
        );
    }
    // (A file of a folder taken is not weighed again: an export's projects.csv, written over by
    // --force, makes its folder look like a data folder.)
    if walk {
        refuse_another_data_folders(target, &target_abs)?;
    }
    Ok(())
}

/// Whether a folder is a data folder: it holds a registry file, registry/ or xmtool.toml.
pub fn is_a_data_folder(dir: &Path) -> bool {
    crate::load::REGISTRY_NAMES
        .iter()
        .any(|name| dir.join(name).exists())
        || dir.join("registry").is_dir()
        || dir.join(crate::settings::FILE_NAME).exists()
}

/// The data folder, and which of its input folders (`reports` or `registry`), that `path` is
/// within, if any: a file written there is read as that folder's input the next time.
pub fn among_inputs_of(path: &Path) -> Option<(PathBuf, &'static str)> {
    let abs = absolute(path);
    abs.ancestors().find_map(|a| {
        let sub = match a.file_name().and_then(|n| n.to_str()) {
            Some("reports") => "reports",
            Some("registry") => "registry",
            _ => return None,
        };
        let parent = a.parent()?;
        is_a_data_folder(parent).then(|| (parent.to_path_buf(), sub))
    })
}

/// Refuses a target among another data folder's inputs (a loop over folders given one's --dir
/// and another's --out): within its reports/ or registry/, or a file it would read as its
/// registry. What is written there breaks that folder's next `check`.
fn refuse_another_data_folders(target: &Path, target_abs: &Path) -> anyhow::Result<()> {
    if let Some((folder, sub)) = among_inputs_of(target_abs) {
        bail!(
            "{} is within {sub}/ of the data folder {}: what is written there would be read as \
             that folder's inputs (write outputs elsewhere, e.g. out/)",
            target.shown(),
            folder.shown()
        );
    }
    if let Some(parent) = target_abs.parent()
        && let Some(name) = target_abs.file_name().and_then(|n| n.to_str())
        && crate::load::REGISTRY_NAMES.contains(&name)
        && (is_a_data_folder(parent) || parent.join("reports").is_dir())
    {
        bail!(
            "{} would be read as the registry of the data folder {}; write outputs elsewhere",
            target.shown(),
            parent.shown()
        );
    }
    Ok(())
}

/// Whether `target` is one of the files `data` was read from, by path or (on Unix) by what it
/// is: a link to one, or a name for it through a link to its folder.
pub fn is_an_input(target: &Path, data: &Dataset) -> bool {
    !inputs_among(&[target], data).is_empty()
}

/// Those of `targets` that are files `data` was read from, as `is_an_input` tells. The data
/// folder's path is resolved once, and each target's folder once for the targets in it (a
/// template for 40,000 districts resolved every folder of each file's path, 28 links looked
/// for a file); the inputs are looked at once, and only if a target is there.
pub fn inputs_among<'p>(targets: &[&'p Path], data: &Dataset) -> Vec<&'p Path> {
    let dir = absolute(&data.dir);
    let paths: std::collections::HashSet<PathBuf> =
        data.sources.iter().map(|s| dir.join(&s.path)).collect();
    let mut ids: Option<std::collections::HashSet<(u64, u64)>> = None;
    let mut folder: Option<(&Path, PathBuf)> = None;
    let mut inputs = Vec::new();
    for &target in targets {
        // (A name ending in `..` has a folder of no name: it is resolved whole.)
        let absolute_target = match (target.parent(), target.file_name()) {
            (Some(parent), Some(name)) => {
                if folder.as_ref().is_none_or(|(known, _)| *known != parent) {
                    folder = Some((parent, absolute(parent)));
                }
                folder
                    .as_ref()
                    .map_or_else(PathBuf::new, |(_, f)| f.join(name))
            }
            _ => absolute(target),
        };
        // (A target not there yet is no input by what it is. Its own name is not resolved: a
        // target that is a link to an input is told by what it is on Unix, and refused as a
        // link everywhere, `check_target`.)
        let is_one = paths.contains(&absolute_target)
            || identity(&absolute_target).is_some_and(|id| {
                ids.get_or_insert_with(|| paths.iter().filter_map(|p| identity(p)).collect())
                    .contains(&id)
            });
        if is_one {
            inputs.push(target);
        }
    }
    inputs
}

/// Refuses a target for blank reports among the registry's files or over an input; reports/
/// itself is allowed (templates are meant to go there), since a template never overwrites a file
/// there.
pub fn guard_template(target: &Path, data: &Dataset) -> anyhow::Result<()> {
    let target_abs = absolute(target);
    let dir = absolute(&data.dir);
    if inside(&target_abs, &dir.join("registry")) {
        bail!(
            "{} is inside registry/: blank reports there would be read as registry files",
            target.shown()
        );
    }
    refuse_inside_linked(target, &target_abs, data, "registry")?;
    if same_entry(&target_abs, &dir) {
        bail!(
            "{} is the data folder itself; write blank reports to a folder of their own, or under reports/",
            target.shown()
        );
    }
    // (Its own reports/ is where blank reports may go; another folder's is not.)
    match among_inputs_of(&target_abs) {
        Some((folder, "reports")) if same_entry(&folder, &dir) => Ok(()),
        _ => refuse_another_data_folders(target, &target_abs),
    }
}

/// Refuses a target inside a folder that a link under the data folder's `input` folder
/// (`reports`, `registry`) leads to, a district's share: the target's path, its links
/// resolved, leads into the share, not into `input/`, and what is written there is read as an
/// input the next time.
fn refuse_inside_linked(
    target: &Path,
    target_abs: &Path,
    data: &Dataset,
    input: &str,
) -> anyhow::Result<()> {
    let folders = crate::load::input_folders(&data.dir, input);
    if let Some((real, named)) = folders
        .iter()
        .find(|(real, _)| target_abs.starts_with(real))
    {
        bail!(
            "{} is inside {named} (a link to a folder the data's inputs are read from, {}; \
             a table written there would be read as one): write outputs elsewhere, e.g. out/",
            target.shown(),
            real.shown()
        );
    }
    Ok(())
}

/// Whether `path` is `folder` or inside it, by path or (on Unix) by what a folder above it is:
/// `folder` itself, or where it would be made (its parent, and its name) if it is not there yet.
pub fn inside(path: &Path, folder: &Path) -> bool {
    let (path, folder) = (absolute(path), absolute(folder));
    if path.starts_with(&folder) {
        return true;
    }
    let folder_id = identity(&folder);
    let parent_id = folder.parent().and_then(identity);
    path.ancestors().any(|a| {
        folder_id.is_some() && identity(a) == folder_id
            || parent_id.is_some()
                && a.file_name() == folder.file_name()
                && a.parent().and_then(identity) == parent_id
    })
}

/// Whether two paths name one file or folder: the same path, or (on Unix) the same device and
/// inode, as a bind mount or a hard link gives under another path.
pub fn same_entry(a: &Path, b: &Path) -> bool {
    absolute(a) == absolute(b) || identity(a).is_some_and(|id| identity(b) == Some(id))
}

/// What an existing path is, links followed: its device and inode on Unix; `None` elsewhere or
/// where it does not exist.
fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// A temporary file beside `target`, to be renamed over it, with the permissions it should end
/// up with: those of the file it replaces, else those of any new file (read and write for all,
/// less what the umask takes away). A temporary file alone would be its owner's only, useless on
/// a shared drive. (Windows gives a new file its folder's.)
pub fn temp_beside(target: &Path, folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".xmtool-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(folder)?;
    // Set after the file is made, as the umask would narrow it at making.
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(target) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    Ok(tmp)
}

/// `path` made absolute, with its links resolved and `.` and `..` taken out, as the file system
/// will take it when the target (which may not exist yet) is written: where part of the path
/// does not exist yet, as the folders that will be made for it.
pub fn absolute(path: &Path) -> PathBuf {
    use std::path::Component;
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => out.push(part),
            Component::CurDir => {}
            // (`out` is resolved where it exists: its parent is the folder `..` names.)
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = out.canonicalize() {
                    out = real;
                }
            }
        }
    }
    out
}

/// Writes several files as one: each is written in full to a temporary file beside its target
/// first, and only when all are written are they renamed into place. A failure part-way (a full
/// disk) leaves every target as it was and removes the temporary files. Without `force`, an
/// existing target is an error, before anything is written. Folders missing above the targets
/// are made, and taken away again if the files cannot be written.
pub fn write_files<B: AsRef<[u8]>>(files: &[(PathBuf, B)], force: bool) -> anyhow::Result<()> {
    for (path, _) in files {
        named_as_folder(path)?;
    }
    let paths: Vec<Cow<Path>> = files.iter().map(|(path, _)| as_written(path)).collect();
    let mut seen = std::collections::HashSet::with_capacity(paths.len());
    for path in &paths {
        check_target(path, force)?;
        if !seen.insert(path) {
            bail!("{} would be written twice", path.shown());
        }
    }
    let made = make_parents(&paths)?;
    let mut staged = Vec::with_capacity(files.len());
    for (path, (_, bytes)) in paths.iter().zip(files) {
        staged.push(stage(path, |w| Ok(w.write_all(bytes.as_ref())?))?);
    }
    persist(staged, force)?;
    made.keep();
    Ok(())
}

/// Writes a file atomically, as `write_files` does, as `write` produces it: the output is never
/// held whole.
pub fn write_file_with(
    path: &Path,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    named_as_folder(path)?;
    let path = as_written(path);
    check_target(&path, force)?;
    let made = make_parents(std::slice::from_ref(&path))?;
    let staged = stage(&path, write)?;
    persist(vec![staged], force)?;
    made.keep();
    Ok(())
}

/// A target as it is written: a path with `..` in it (`new/../x.md`) is resolved first, so that
/// no folder is made only to be passed through (the file system would need `new/` to exist).
pub fn as_written(path: &Path) -> Cow<'_, Path> {
    if path
        .components()
        .any(|c| c == std::path::Component::ParentDir)
    {
        Cow::Owned(absolute(path))
    } else {
        Cow::Borrowed(path)
    }
}

/// Makes the folders missing above each of `paths`: all of them one `MadeFolders`, so that they
/// are taken away again last made first.
fn make_parents(paths: &[Cow<Path>]) -> anyhow::Result<MadeFolders> {
    let mut made = MadeFolders(Vec::new());
    for path in paths {
        if let Some(parent) = path.parent() {
            make_folders_into(parent, &mut made)?;
        }
    }
    Ok(made)
}

/// The longest file name most file systems take, in bytes (255 UTF-16 units on Windows).
const LONGEST_NAME: usize = 255;

/// A target is a file name, and not an existing file unless `force`; never a device, a pipe or
/// a link, which renaming a file over would replace (`-o /dev/stdout --force` made the system's
/// /dev/stdout a file).
pub fn check_target(path: &Path, force: bool) -> anyhow::Result<()> {
    named_as_folder(path)?;
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.is_file()
    {
        if let Some(link) = crate::load::dangling(path) {
            bail!("{} is {link} (remove the link)", path.shown());
        }
        let what = if meta.file_type().is_symlink()
            && std::fs::metadata(path).is_ok_and(|m| m.is_file())
        {
            "a link (name the file it leads to, or remove the link)"
        } else {
            "not a regular file (a device or a pipe, or a link to one: leave out -o to write to \
             standard output)"
        };
        bail!("{} is {what}; xmtool writes whole files only", path.shown());
    }
    if let Some(name) = path.file_name()
        && name.len() > LONGEST_NAME
    {
        bail!(
            "{} has a file name of {} bytes, longer than a file system takes ({LONGEST_NAME})",
            path.shown(),
            name.len()
        );
    }
    if !force && path.exists() {
        bail!(
            "{} already exists (pass --force to overwrite it)",
            path.shown()
        );
    }
    Ok(())
}

/// Refuses a target that is a folder, or whose name ends in `/`, a folder's, there or not: the
/// system would say "Not a directory" once the file is written, as it is renamed into place.
/// Weighed on the path as given, before `as_written` takes its `..` out, and its last `/` with them (`-o x/../nd/`
/// wrote a file `nd`).
pub fn named_as_folder(path: &Path) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!("{} is a folder (expected a file name)", path.shown());
    }
    if let Some(&last) = path.as_os_str().as_encoded_bytes().last()
        && std::path::is_separator(char::from(last))
    {
        bail!(
            "{} ends in {}, a folder's name (expected a file name)",
            path.shown(),
            char::from(last)
        );
    }
    Ok(())
}

/// A file written in full to a temporary file beside its target, waiting to be renamed.
/// (As its path alone, which keeps no file open: a template for thousands of districts stages
/// as many files, more than a process may hold open.)
type Staged<'p> = (Pending<tempfile::TempPath>, &'p Path);

fn stage<'p>(
    path: &'p Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<Staged<'p>> {
    let parent = folder_of(path);
    let mut tmp = Pending::make(|| temp_beside(path, parent))
        .map_err(|e| cannot_make_in("file", parent, &e))?;
    // Written through the file itself: its errors name no temporary file, which is gone by
    // the time they are read.
    let mut out = std::io::BufWriter::new(tmp.get_mut().as_file_mut());
    write(&mut out)
        .and_then(|()| Ok(out.flush()?))
        .with_context(|| format!("cannot write {}", path.shown()))?;
    drop(out);
    tmp.get()
        .as_file()
        .sync_all()
        .with_context(|| format!("cannot write {}", path.shown()))?;
    Ok((tmp.map(tempfile::NamedTempFile::into_temp_path), path))
}

/// Renames staged files into place, all of them or none: a file that cannot be put in place
/// (another program holds it open, say) undoes those put in place before it, bringing back the
/// files they replaced. Interrupts wait until it is done (`commit`).
fn persist(staged: Vec<Staged>, force: bool) -> anyhow::Result<()> {
    // (Waited for before interrupts are held off: Ctrl-C stops a run waiting on another.)
    let _locks = lock_folders(staged.iter().map(|(_, path)| folder_of(path)));
    // (Looked at again once the folders are ours: another run may have put its files there
    // while this one waited, after `check_target` found none.)
    if !force {
        let taken: Vec<PathBuf> = (staged.iter())
            .filter(|(_, path)| std::fs::symlink_metadata(path).is_ok())
            .map(|(_, path)| path.to_path_buf())
            .collect();
        if !taken.is_empty() {
            return Err(Taken(taken).into());
        }
    }
    commit(|| {
        // Each target put in place, and the file it replaced, kept aside until all are done.
        let mut done: Vec<(&Path, Option<Aside>)> = Vec::new();
        // Replaced files that could not be put back: each target, and where its file is kept.
        let mut stranded: Vec<(PathBuf, PathBuf)> = Vec::new();
        let mut failed = None;
        for (tmp, path) in staged {
            let mut kept_aside = None;
            if force && path.exists() {
                match set_aside(path) {
                    Ok(old) => kept_aside = Some(old),
                    Err(e) => {
                        failed = Some((path, e));
                        break;
                    }
                }
            }
            // (Over the old file where it is linked aside, still in place: the target is never
            // missing, whenever the process is stopped.)
            let put = match &kept_aside {
                Some(Aside { linked: true, .. }) => tmp.into_inner().persist(path),
                _ => tmp.into_inner().persist_noclobber(path),
            };
            match put {
                Ok(_) => done.push((path, kept_aside)),
                Err(e) => {
                    // (A file linked aside is still in place: its second name goes.)
                    if let Some(Aside { old, linked: false }) = kept_aside {
                        put_back(old, path, &mut stranded);
                    }
                    failed = Some((path, e.error));
                    break;
                }
            }
        }
        let Some((path, error)) = failed else {
            // The renames are made to last (a power cut after would otherwise undo them); then
            // the replaced files are removed.
            let folders: std::collections::BTreeSet<&Path> =
                done.iter().map(|(target, _)| folder_of(target)).collect();
            for folder in folders {
                sync_folder(folder);
            }
            for (target, old) in done {
                let Some(Aside { old, .. }) = old else {
                    continue;
                };
                if let Ok(name) = old.keep()
                    && let Err(e) = std::fs::remove_file(&name)
                {
                    crate::say!(
                        "xmtool: warning: cannot remove {} (the old {}, replaced): {e}; remove \
                         it by hand",
                        shown_beside(target, &name).shown(),
                        target.shown()
                    );
                }
            }
            return Ok(());
        };
        for (target, old) in done.into_iter().rev() {
            match old {
                // (Renamed over the new file: the target is never missing.)
                Some(Aside { old, .. }) => {
                    if let Err(e) = old.persist(target)
                        && let Ok(aside) = e.path.keep()
                    {
                        stranded.push((target.to_path_buf(), aside));
                    }
                }
                None => {
                    let _ = std::fs::remove_file(target);
                }
            }
        }
        // (A file of that name put there meanwhile by another program, not by a run that
        // locks: the same advice.)
        if !force && error.kind() == std::io::ErrorKind::AlreadyExists && stranded.is_empty() {
            return Err(Taken(vec![path.to_path_buf()]).into());
        }
        let kept: Vec<String> = stranded
            .iter()
            .map(|(target, aside)| {
                let aside = shown_beside(target, aside);
                format!("{} as {}", target.shown(), aside.shown())
            })
            .collect();
        bail!(
            "cannot write {}: {error}{}; nothing was written{}",
            path.shown(),
            if held_open(&error) {
                " (is it open in another program?)"
            } else {
                ""
            },
            if kept.is_empty() {
                String::new()
            } else {
                format!(
                    " (the files it was to replace could not all be put back: kept {})",
                    kept.join(", ")
                )
            }
        )
    })
}

/// Targets found there, without `--force`, once their folders were locked: another run put
/// its files in while this one waited for it, after `check_target` found none. Nothing was
/// written; said as an existing target is, or with a caller's own words (`export`'s
/// "already has").
#[derive(Debug)]
pub struct Taken(pub Vec<PathBuf>);

impl std::fmt::Display for Taken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = (self.0.iter())
            .map(|path| path.shown().to_string())
            .collect();
        let s = if names.len() == 1 { "s" } else { "" };
        // (No advice to pass --force: a template put into reports/ never writes over a report
        // sent meanwhile, with it or without. `export` gives its own.)
        write!(
            f,
            "{} already exist{s}, put there meanwhile; nothing was written",
            crate::finding::listed(&names, "and")
        )
    }
}

impl std::error::Error for Taken {}

/// Locks the folders outputs go into, until the locks given are dropped: another xmtool putting
/// its outputs into one of them (a second batch job exporting into the same folder) waits, so
/// that each set goes in whole, never mixed with another's, and says it waits (a batch job
/// held up by a run stopped at a prompt or suspended is not silent). Where a folder cannot be
/// opened or locked (Windows opens no folder as a file), it is not.
fn lock_folders<'p>(folders: impl Iterator<Item = &'p Path>) -> Vec<std::fs::File> {
    // (In one order, so that two runs locking the same folders never wait on each other.)
    let folders: std::collections::BTreeSet<&Path> = folders.collect();
    (folders.into_iter())
        .filter_map(|folder| {
            let file = std::fs::File::open(folder).ok()?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    crate::say!(
                        "xmtool: waiting for another xmtool putting files into {}",
                        folder.shown()
                    );
                    file.lock().ok()?;
                }
                Err(std::fs::TryLockError::Error(_)) => return None,
            }
            Some(file)
        })
        .collect()
}

/// A temporary file beside `target`, named as `target` is (`out/.xmtool-old-….tmp` for
/// `out/a.csv`, not the absolute path the temporary file was made with).
fn shown_beside(target: &Path, temporary: &Path) -> PathBuf {
    match temporary.file_name() {
        Some(name) => target.with_file_name(name),
        None => temporary.to_path_buf(),
    }
}

/// Puts a file renamed aside (`set_aside`) back at `target`; where it cannot be (another file
/// took its place meanwhile), keeps it under its temporary name, listed in `stranded` with its
/// target, rather than let it be removed: it is the only copy.
fn put_back(old: tempfile::TempPath, target: &Path, stranded: &mut Vec<(PathBuf, PathBuf)>) {
    if let Err(e) = old.persist_noclobber(target)
        && let Ok(aside) = e.path.keep()
    {
        stranded.push((target.to_path_buf(), aside));
    }
}

/// Writes a file in full and to disk (a file in a temporary folder, which is renamed whole).
pub fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes the names in a folder last (files made, renamed or removed in it), where the system
/// can: a rename into place is otherwise lost in a power cut, with the file it replaced.
pub fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// The folder `path` is in: its parent, or `.` for a bare name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A file about to be replaced, under a temporary name beside it (removed when dropped) until
/// its replacement is in place.
struct Aside {
    old: tempfile::TempPath,
    /// Whether the temporary name is a second name of the file, still in place (a hard link),
    /// rather than its only one.
    linked: bool,
}

/// Gives a file about to be replaced a temporary name beside it: a second name, so that the
/// new file is renamed over it and the target is never missing; where the file system makes
/// none (FAT, some shares), the file is renamed to it.
fn set_aside(path: &Path) -> std::io::Result<Aside> {
    match named_aside(path, |from, to| std::fs::hard_link(from, to)) {
        Ok(old) => Ok(Aside { old, linked: true }),
        Err(_) => Ok(Aside {
            old: moved_aside(path)?,
            linked: false,
        }),
    }
}

/// Renames a file about to be replaced to a temporary name beside it.
fn moved_aside(path: &Path) -> std::io::Result<tempfile::TempPath> {
    named_aside(path, |from, to| std::fs::rename(from, to))
}

/// A temporary name beside `path` that `name` gives its file.
fn named_aside(
    path: &Path,
    name: impl Fn(&Path, &Path) -> std::io::Result<()>,
) -> std::io::Result<tempfile::TempPath> {
    tempfile::Builder::new()
        .prefix(".xmtool-old-")
        .suffix(".tmp")
        .make_in(folder_of(path), |p| name(path, p).map(|()| p.to_path_buf()))
        .map(tempfile::NamedTempFile::into_temp_path)
}

/// The error of a temporary `what` ("file", "folder") that could not be made in `folder`,
/// without the temporary's name that `tempfile` adds to its message (`… at path
/// "/x/.xmtool-Ab12.tmp"`): it never was made.
pub fn cannot_make_in(what: &str, folder: &Path, e: &std::io::Error) -> anyhow::Error {
    let text = e.to_string();
    let said = text
        .rsplit_once(" at path ")
        .map_or(&*text, |(said, _)| said);
    anyhow::anyhow!("cannot make a {what} in {}: {said}", folder.shown())
}

/// Whether a failed rename looks like another program holding the file open: on Windows, where
/// a file open elsewhere cannot be replaced (access denied, ERROR_SHARING_VIOLATION,
/// ERROR_LOCK_VIOLATION). Elsewhere a file open is replaced all the same, and a refusal is the
/// folder's permissions.
fn held_open(error: &std::io::Error) -> bool {
    cfg!(windows)
        && (error.kind() == std::io::ErrorKind::PermissionDenied
            || matches!(error.raw_os_error(), Some(32 | 33)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_refusal_is_taken_for_a_file_held_open() {
        use std::io::{Error, ErrorKind};
        assert_eq!(
            held_open(&Error::from(ErrorKind::PermissionDenied)),
            cfg!(windows)
        );
        // No space, a folder in the way, a read-only disk: no other program is to blame.
        for code in [28, 21, 30] {
            assert!(!held_open(&Error::from_raw_os_error(code)), "{code}");
        }
        assert_eq!(held_open(&Error::from_raw_os_error(32)), cfg!(windows));
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn inputs_are_told_among_many_targets_by_path_and_by_what_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("data");
        std::fs::create_dir_all(data_dir.join("reports/2024-06")).unwrap();
        std::fs::write(
            data_dir.join("projects.csv"),
            "项目编号,项目名称,所属县区,年度计划投资（万元）\nP1,路,东区,100\n",
        )
        .unwrap();
        let report = "项目编号,报告月份,累计完成投资（万元）\nP1,2024-06,10\n";
        std::fs::write(data_dir.join("reports/2024-06/东区.csv"), report).unwrap();
        let data =
            crate::load::load(&data_dir, crate::settings::Settings::default(), None).unwrap();
        let reports = data_dir.join("reports/2024-06");
        let (input, beside, elsewhere) = (
            reports.join("东区.csv"),
            reports.join("西区.csv"),
            dir.path().join("out/东区.csv"),
        );
        // The same file by another path: through `..`, and through a link to its folder.
        let roundabout = reports.join("../2024-06/东区.csv");
        let mut targets = vec![&*input, &*beside, &*elsewhere, &*roundabout];
        // And the same file under another name (a hard link), which only what it is tells.
        #[cfg(unix)]
        let (linked, hard) = (dir.path().join("link/东区.csv"), dir.path().join("甲.csv"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&reports, dir.path().join("link")).unwrap();
            std::fs::hard_link(&input, &hard).unwrap();
            targets.extend([&*linked, &*hard]);
        }
        let mut expected = vec![&*input, &*roundabout];
        #[cfg(unix)]
        expected.extend([&*linked, &*hard]);
        assert_eq!(inputs_among(&targets, &data), expected);
        assert!(is_an_input(&input, &data));
        assert!(!is_an_input(&beside, &data));
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_that_cannot_be_put_in_place_undoes_those_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            dir.path().join("a"),
            dir.path().join("b"),
            dir.path().join("c"),
        );
        std::fs::write(&b, "old b").unwrap();
        // Without force, b was not there when checked, and is now: a goes again, b stays.
        let staged = vec![
            stage(&a, |w| Ok(w.write_all(b"new a")?)).unwrap(),
            stage(&b, |w| Ok(w.write_all(b"new b")?)).unwrap(),
            stage(&c, |w| Ok(w.write_all(b"new c")?)).unwrap(),
        ];
        let error = persist(staged, false).unwrap_err().to_string();
        assert!(error.contains("nothing was written"), "{error}");
        assert_eq!(names(dir.path()), ["b"]);
        assert_eq!(read(&b), "old b");

        // With force, the files replaced come back.
        std::fs::write(&a, "old a").unwrap();
        let staged = vec![
            stage(&a, |w| Ok(w.write_all(b"new a")?)).unwrap(),
            stage(&b, |w| Ok(w.write_all(b"new b")?)).unwrap(),
            stage(&c, |w| Ok(w.write_all(b"new c")?)).unwrap(),
        ];
        // (c's finished file is gone before it is put in place.)
        std::fs::remove_file(&**staged[2].0.get()).unwrap();
        assert!(persist(staged, true).is_err());
        assert_eq!(names(dir.path()), ["a", "b"]);
        assert_eq!((read(&a), read(&b)), ("old a".into(), "old b".into()));

        // And when all go in, no file set aside is left.
        let staged = vec![
            stage(&a, |w| Ok(w.write_all(b"new a")?)).unwrap(),
            stage(&c, |w| Ok(w.write_all(b"new c")?)).unwrap(),
        ];
        persist(staged, true).unwrap();
        assert_eq!(names(dir.path()), ["a", "b", "c"]);
        assert_eq!((read(&a), read(&c)), ("new a".into(), "new c".into()));
    }

    #[test]
    fn a_set_of_files_waits_for_another_going_into_its_folder() {
        // Two exports with --force into one folder put their files in at once: the folder held
        // some tables of one month and some of another.
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let held = lock_folders([dir.path()].into_iter());
        assert_eq!(held.len(), 1);
        let staged = stage(&a, |w| Ok(w.write_all(b"new a")?)).unwrap();
        std::thread::scope(|scope| {
            let writer = scope.spawn(|| persist(vec![staged], false));
            std::thread::sleep(std::time::Duration::from_millis(200));
            assert!(!a.exists(), "put in place while another held the folder");
            drop(held);
            writer.join().unwrap().unwrap();
        });
        assert_eq!(read(&a), "new a");
    }

    #[test]
    fn a_file_put_in_while_waiting_is_kept_and_said_to_be_there() {
        // Another run's file, put in after the target was looked at and before this one's turn:
        // "File exists (os error 17)", where the advice is to pass --force.
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        check_target(&a, false).unwrap();
        let staged = vec![
            stage(&a, |w| Ok(w.write_all(b"new a")?)).unwrap(),
            stage(&b, |w| Ok(w.write_all(b"new b")?)).unwrap(),
        ];
        std::fs::write(&b, "the other run's b").unwrap();
        let error = persist(staged, false).unwrap_err();
        let taken = error.downcast_ref::<Taken>().unwrap();
        assert_eq!(taken.0, [b.as_path()]);
        assert!(
            error
                .to_string()
                .ends_with("already exists, put there meanwhile; nothing was written")
        );
        assert_eq!((a.exists(), read(&b)), (false, "the other run's b".into()));
        assert_eq!(names(dir.path()), ["b"]);
    }

    #[test]
    fn a_file_replaced_is_never_missing() {
        // Renamed aside before the new file was renamed in, it left the target missing to a
        // process stopped between the two (SIGKILL, a power cut).
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::write(&a, "old a").unwrap();
        let aside = set_aside(&a).unwrap();
        assert!(aside.linked);
        assert_eq!(
            (read(&a), read(&aside.old)),
            ("old a".into(), "old a".into())
        );
        drop(aside);
        assert_eq!(
            (names(dir.path()), read(&a)),
            (vec!["a".to_string()], "old a".into())
        );
    }

    #[test]
    fn a_replaced_file_that_cannot_be_put_back_is_kept() {
        // Another file in its place (a second run writing there): the file set aside was
        // removed as its `TempPath` dropped, the only copy of the old output.
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::write(&a, "old a").unwrap();
        let old = moved_aside(&a).unwrap();
        std::fs::write(&a, "theirs").unwrap();
        let mut stranded = Vec::new();
        put_back(old, &a, &mut stranded);
        assert_eq!(stranded.len(), 1);
        assert_eq!(stranded[0].0, a);
        assert_eq!(
            (read(&a), read(&stranded[0].1)),
            ("theirs".into(), "old a".into())
        );
        // Put back where it can be.
        std::fs::remove_file(&stranded[0].1).unwrap();
        let old = moved_aside(&a).unwrap();
        put_back(old, &a, &mut stranded);
        assert_eq!((stranded.len(), read(&a)), (1, "theirs".into()));
        assert_eq!(names(dir.path()), ["a"]);
    }

    #[test]
    fn an_interrupt_holds_the_pending_list_from_its_removal_to_the_end() {
        // Let go after its files were removed and before the process ended, the list let a
        // file be made and listed meanwhile, and left behind (a `.xmtool-*.tmp` on Ctrl-C).
        static LIST: Mutex<BTreeMap<u64, (PathBuf, Removal)>> = Mutex::new(BTreeMap::new());
        let dir = tempfile::tempdir().unwrap();
        let (file, folder) = (dir.path().join("f.tmp"), dir.path().join("made"));
        std::fs::write(&file, "half").unwrap();
        std::fs::create_dir(&folder).unwrap();
        {
            let mut list = LIST.lock().unwrap();
            list.insert(0, (folder.clone(), Removal::IfEmpty));
            list.insert(1, (file.clone(), Removal::Whole));
        }
        let held = remove_listed(&LIST);
        assert!(!file.exists() && !folder.exists());
        assert!(LIST.try_lock().is_err(), "the list is let go");
        drop(held);
        assert!(LIST.try_lock().is_ok());
    }

    #[test]
    fn folders_made_for_an_output_that_fails_are_taken_away() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        let target = dir.path().join("a/b/c/x.md");
        let error = write_file_with(&target, false, |w| {
            w.write_all(b"half")?;
            bail!("disk full")
        })
        .unwrap_err();
        assert!(format!("{error:#}").contains("disk full"), "{error:#}");
        assert_eq!(names(dir.path()), ["a"]);
        assert!(names(&dir.path().join("a")).is_empty());

        // Written, they stay.
        write_file_with(&target, false, |w| Ok(w.write_all(b"whole")?)).unwrap();
        assert_eq!(read(&target), "whole");
        // Taken away only while empty: what another program put there meanwhile stays.
        let made = make_folders(&dir.path().join("d/e")).unwrap();
        std::fs::write(dir.path().join("d/theirs"), "").unwrap();
        drop(made);
        assert_eq!(names(&dir.path().join("d")), ["theirs"]);
        // New folders side by side, all taken away: the last made first, so that the one above
        // them is empty when its turn comes.
        let (one, two) = (dir.path().join("f/g/1.csv"), dir.path().join("f/h/2.csv"));
        let made = make_parents(&[Cow::from(one.as_path()), Cow::from(two.as_path())]).unwrap();
        assert!(dir.path().join("f/h").is_dir());
        drop(made);
        assert!(!dir.path().join("f").exists());
        // A way through a folder not there yet makes none.
        write_files(&[(dir.path().join("new/../x.md"), "x")], false).unwrap();
        assert_eq!(read(&dir.path().join("x.md")), "x");
        assert!(!dir.path().join("new").exists());
        // (Other tests may be writing meanwhile.)
        assert!(!pending().values().any(|(p, _)| p.starts_with(dir.path())));
    }

    #[test]
    fn targets_twice_or_with_names_too_long_are_refused_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let error = write_files(&[(a.clone(), "1"), (a.clone(), "2")], false).unwrap_err();
        assert!(
            error.to_string().contains("would be written twice"),
            "{error}"
        );
        let long = dir.path().join("长".repeat(90));
        let error = write_files(&[(a, "1"), (long, "2")], false).unwrap_err();
        assert!(error.to_string().contains("270 bytes"), "{error}");
        assert!(names(dir.path()).is_empty());
    }
}
