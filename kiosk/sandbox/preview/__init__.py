"""kiosk/sandbox/preview"""
