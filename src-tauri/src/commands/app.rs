use cp_core::about::AppInfo;

#[tauri::command]
pub fn app_info() -> Result<AppInfo, cp_core::Error> {
    cp_core::about::app_info()
}
