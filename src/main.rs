fn main() -> std::process::ExitCode {
    // `intake check FILE | head` ends quietly when the reader goes away,
    // as command-line tools do, instead of panicking on a closed pipe.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    intake::cli::run()
}
