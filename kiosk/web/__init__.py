"""kiosk/web"""
