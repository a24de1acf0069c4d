//! Rebuild the kernel when a migration changes: both trees are embedded in the binary.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
