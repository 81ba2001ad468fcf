//! The `gaoyan` binary: configuration, logging, and a few commands. All
//! behaviour lives in the `app` crate.

use std::io::BufRead;

use app::server::Config;
use app::{demo, router};

const USAGE: &str = "usage: gaoyan [serve [--demo] | migrate | demo | create-admin --username NAME [--name DISPLAY_NAME] | make-key | crowd N]
  serve          migrate the database and serve (default); --demo loads demo data first
  migrate        migrate the database (and seal personal data under the current key), exit
  demo           load the demo data, print the logins, exit
  create-admin   create the first provincial admin; the password is read from
                 GAOYAN_ADMIN_PASSWORD or, if unset, from the first line of standard input
  make-key       print a new random data key (base64) for GAOYAN_DATA_KEY
  crowd N        for benchmarks, on demo data: admit N more trainees with the demo password
                 to the programme whose survey is open; print their sign-in names
environment: DATABASE_URL, GAOYAN_ADDR, GAOYAN_PUBLIC_URL, GAOYAN_DATA_KEY, GAOYAN_DATA_KEY_FILE,
             GAOYAN_DATA_KEY_PREVIOUS, GAOYAN_SESSION_IDLE_MINUTES, GAOYAN_SESSION_MAX_HOURS,
             GAOYAN_TRUST_PROXY, GAOYAN_THROTTLE_SCALE, GAOYAN_MAX_CONCURRENT_HASHES,
             GAOYAN_DB_MAX_CONNECTIONS, RUST_LOG";

fn main() {
    app::server::memory::tune_allocator();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime");
    runtime.block_on(start());
}

async fn start() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    if let Err(e) = run(std::env::args().skip(1).collect()).await {
        eprintln!("gaoyan: {e}");
        std::process::exit(1);
    }
}

async fn run(args: Vec<String>) -> Result<(), String> {
    let mut config = Config::from_env()?;
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(command, "-h" | "--help" | "help") {
        println!("{USAGE}");
        return Ok(());
    }
    if command == "make-key" {
        println!("{}", app::server::crypto::DataKeys::generate());
        return Ok(());
    }
    let demo = matches!(command, "demo" | "crowd")
        || (command == "serve" && args.iter().any(|a| a == "--demo"));
    if demo && config.data_key.is_none() {
        config.data_key = Some(demo_key(&config.data_key_file)?);
    }
    let mut leptos_options = leptos::config::get_configuration(None)
        .map_err(|e| format!("leptos configuration: {e}"))?
        .leptos_options;
    leptos_options.site_addr = config.addr;
    let addr = config.addr;
    let (state, store) = router::prepare(config, leptos_options).await?;
    match command {
        "serve" => {
            if demo {
                load_demo(&state, &store).await?;
            }
            store.spawn_cleanup();
            router::spawn_maintenance(&state);
            // Read now, so a missing font is said at start, not at the
            // first certificate, and the first download is quick.
            if let Err(e) = app::server::pdf::Font::load(&state.config.pdf_font) {
                tracing::warn!("{e}");
            }
            router::serve(router::router(state, store), addr)
                .await
                .map_err(|e| format!("server: {e}"))
        }
        "migrate" => Ok(()),
        "demo" => load_demo(&state, &store).await,
        "crowd" => {
            let n: usize = args
                .get(1)
                .and_then(|n| n.parse().ok())
                .filter(|n| (1..=5000).contains(n))
                .ok_or(USAGE)?;
            for name in demo::crowd::add(&state, n).await? {
                println!("{name}");
            }
            Ok(())
        }
        "create-admin" => {
            let flag = |name: &str| {
                args.iter()
                    .position(|a| a == name)
                    .and_then(|i| args.get(i + 1))
                    .cloned()
            };
            let username = flag("--username").ok_or(USAGE)?;
            let name = flag("--name").unwrap_or_else(|| username.clone());
            let password = match std::env::var("GAOYAN_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => std::io::stdin()
                    .lock()
                    .lines()
                    .next()
                    .and_then(Result::ok)
                    .ok_or("no password on standard input")?,
            };
            let id = app::accounts::first_admin::create_admin(&state, &username, &name, &password)
                .await
                .map_err(|e| format!("{e:?}"))?;
            println!("created admin account {username} (id {id})");
            Ok(())
        }
        other => Err(format!("unknown command {other}\n{USAGE}")),
    }
}

/// A demo makes its own data key on first use, kept in a file readable by
/// its owner only; a production start is refused without a key instead.
fn demo_key(path: &str) -> Result<String, String> {
    use std::io::Write;
    let key = app::server::crypto::DataKeys::generate();
    if let Some(dir) = std::path::Path::new(path).parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| format!("cannot create the demo data key {path}: {e}"))?;
    writeln!(file, "{key}").map_err(|e| format!("{path}: {e}"))?;
    eprintln!("made a data key for the demo in {path}");
    Ok(key)
}

async fn load_demo(
    state: &app::server::AppState,
    store: &app::server::session_store::Store,
) -> Result<(), String> {
    demo::load(state, store)
        .await
        .map_err(|e| format!("demo data: {e}"))?;
    println!("Demo accounts (password {}):", demo::DEMO_PASSWORD);
    for l in demo::LOGINS.iter().chain(demo::OTHER_LOGINS) {
        println!(
            "  {:<12} {:<12} {}",
            l.username,
            l.role.as_str(),
            l.org.unwrap_or("-")
        );
    }
    Ok(())
}
