// `sqlx::migrate!` embeds the migrations when the crate compiles; without this, adding or
// editing a migration alone would leave a development build running the old ones (sqlx's own
// advice, `sqlx migrate build-script`). Cargo watches the folder and its subfolders.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
