//! The `gaoyan` binary: configuration, logging, and a few commands. All
//! behaviour lives in the `app` crate.

use std::io::BufRead;

use app::server::{demo, router, Config};

const USAGE: &str = "usage: gaoyan [serve [--demo] | migrate | demo | create-admin --username NAME [--name DISPLAY_NAME]]
  serve          migrate the database and serve (default); --demo loads demo data first
  migrate        migrate the database and exit
  demo           load the demo organisations and accounts, print their logins, exit
  create-admin   create the first provincial admin; the password is read from
                 GAOYAN_ADMIN_PASSWORD or, if unset, from the first line of standard input
environment: DATABASE_URL, GAOYAN_ADDR, GAOYAN_PUBLIC_URL, GAOYAN_SESSION_IDLE_MINUTES,
             GAOYAN_TRUST_PROXY, GAOYAN_MAX_CONCURRENT_HASHES, GAOYAN_DB_MAX_CONNECTIONS, RUST_LOG";

#[tokio::main]
async fn main() {
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
    let config = Config::from_env()?;
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(command, "-h" | "--help" | "help") {
        println!("{USAGE}");
        return Ok(());
    }
    let mut leptos_options = leptos::config::get_configuration(None)
        .map_err(|e| format!("leptos configuration: {e}"))?
        .leptos_options;
    leptos_options.site_addr = config.addr;
    let addr = config.addr;
    let (state, store) = router::prepare(config, leptos_options).await?;
    match command {
        "serve" => {
            if args.iter().any(|a| a == "--demo") {
                load_demo(&state).await?;
            }
            store.spawn_cleanup();
            router::serve(router::router(state, store), addr)
                .await
                .map_err(|e| format!("server: {e}"))
        }
        "migrate" => Ok(()),
        "demo" => load_demo(&state).await,
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
            let id = demo::create_admin(&state, &username, &name, &password)
                .await
                .map_err(|e| format!("{e:?}"))?;
            println!("created admin account {username} (id {id})");
            Ok(())
        }
        other => Err(format!("unknown command {other}\n{USAGE}")),
    }
}

async fn load_demo(state: &app::server::AppState) -> Result<(), String> {
    demo::load(state)
        .await
        .map_err(|e| format!("demo data: {e:?}"))?;
    println!("Demo accounts (password {}):", demo::DEMO_PASSWORD);
    for l in demo::LOGINS {
        println!(
            "  {:<12} {:<12} {}",
            l.username,
            l.role.as_str(),
            l.org.unwrap_or("-")
        );
    }
    Ok(())
}
