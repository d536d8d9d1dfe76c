fn main() -> std::process::ExitCode {
    intake::cli::run()
}
