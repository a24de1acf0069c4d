//! `tdc-hub`: the TĐC Hub server and its administration commands.

use clap::Parser;

fn main() -> std::process::ExitCode {
    tdc_gateway::cli::run(tdc_gateway::cli::Cli::parse())
}
