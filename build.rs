//! Embed rules/ and content/ into the binary so `intake` runs on the shipped
//! defaults with no files beside it. Adding a YAML file needs no Rust edit.
use std::fs;
use std::path::Path;

fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(_) => return,
    };
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, root, out);
        } else if p.extension().is_some_and(|e| e == "yaml") {
            out.push(
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

fn main() {
    // Read at run time: `env!` would fix the directory the build script was
    // compiled in, and a target/ shared or copied between checkouts (cargo's
    // hashes do not depend on the path) would embed another tree's files.
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&dir);
    let mut files = Vec::new();
    for top in ["rules", "content"] {
        walk(&root.join(top), root, &mut files);
        println!("cargo:rerun-if-changed={top}");
    }
    let mut code = String::from(
        "/// (path relative to the crate, text) of every embedded YAML file.\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        code.push_str(&format!(
            "    ({f:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/\", {f:?}))),\n"
        ));
        println!("cargo:rerun-if-changed={f}");
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(out, code).unwrap();
}
