//! The process's allocator settings. Each sign-in runs argon2 over a
//! 19 MiB buffer. glibc raises its mmap threshold to the size of the
//! largest block freed, so after the first hash these buffers come from
//! the malloc arenas instead of fresh mappings, and the arenas, shared
//! with the database threads, keep them: measured here, the resident size
//! grew from 27 MiB to about 490 MiB after a burst of sign-ins and stayed
//! there. A fixed threshold sends every block above it to its own
//! mapping, returned to the system when freed (BENCHMARKS.md has the
//! figures, and the sign-in throughput this costs).

/// Blocks at least this large get their own mapping.
pub const MMAP_THRESHOLD: usize = 4 * 1024 * 1024;

/// Call once, first thing in `main`.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is safe to call
    // at any time, and here it runs before the server allocates much.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD as libc::c_int);
    }
}
