fn main() -> std::process::ExitCode {
    retning::cli::run()
}
