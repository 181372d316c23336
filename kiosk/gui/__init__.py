"""kiosk/gui"""
