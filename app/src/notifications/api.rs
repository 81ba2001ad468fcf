use leptos::prelude::*;

use super::NotificationView;
use crate::error::AppError;

/// The signed-in account's unread messages.
#[server(endpoint = "my_notifications")]
pub async fn my_notifications() -> Result<Vec<NotificationView>, AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::MY_NOTIFICATIONS).await?;
    let mut conn = caller.state.db.pool.acquire().await?;
    Ok(super::repo::unread(&mut conn, caller.user.id).await?)
}

/// Marks one of the caller's messages read.
#[server(endpoint = "dismiss_notification")]
pub async fn dismiss_notification(id: i64) -> Result<(), AppError> {
    use crate::server::policy;
    let caller = crate::auth::guard::require(&policy::DISMISS_NOTIFICATION).await?;
    let mut tx = caller.state.db.write().await?;
    if !super::repo::dismiss(&mut tx, caller.user.id, id, caller.now()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    crate::server::redirect_plain_form("/");
    Ok(())
}
