"""kiosk.hardware"""
